package import NIOCore

/// A response ``HTTPResponseReader`` read whole: status, headers and body.
package struct ReceivedHTTPResponse: Sendable {
    /// The status code, e.g. 200.
    package var status: Int
    package var headers: ReceivedHTTPHeaders
    package var body: ByteBuffer
    /// Whether the server keeps the connection open for the next request (no `Connection: close`).
    package var keepsConnection = true
}

/// A response's header fields in the order they came, looked up by name in any case.
package struct ReceivedHTTPHeaders: Sendable {
    /// The fields, in the order they came.
    package private(set) var fields: [(name: String, value: String)] = []

    /// Room for eight fields from the start: an invocation's head has about that many, and growing the list from
    /// nothing would copy it three times.
    package init() {
        self.fields.reserveCapacity(8)
    }

    package mutating func append(name: String, value: String) {
        self.fields.append((name, value))
    }

    /// The value of the first field named `name`, compared without regard to case.
    ///
    /// The runtime looks up ten names in every invocation's two responses: the fields are visited by index, their
    /// names compared by length first and then byte by byte, so that a visit copies no field (a retain and a release
    /// of both its strings).
    package func first(name: String) -> String? {
        var wanted = name
        return wanted.withUTF8 { wanted in
            for index in self.fields.indices where self.fields[index].name.utf8.count == wanted.count {
                var candidate = self.fields[index].name
                let matches = candidate.withUTF8 { candidate in
                    HTTPSyntax.sameFieldName(UnsafeRawBufferPointer(candidate), UnsafeRawBufferPointer(wanted))
                }
                if matches { return self.fields[index].value }
            }
            return nil
        }
    }
}
