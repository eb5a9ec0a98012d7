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
    package func first(name: String) -> String? {
        var wanted = name
        return wanted.withUTF8 { wanted in
            self.fields.first { Self.name($0.name, equals: wanted) }?.value
        }
    }

    /// Whether `name` is `wanted` in any case: the runtime looks up seven names in every invocation's headers.
    private static func name(_ name: String, equals wanted: UnsafeBufferPointer<UInt8>) -> Bool {
        guard name.utf8.count == wanted.count else { return false }
        var name = name
        return name.withUTF8 { name in
            HTTPSyntax.sameFieldName(UnsafeRawBufferPointer(name), UnsafeRawBufferPointer(wanted))
        }
    }
}
