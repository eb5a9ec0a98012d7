import NIOCore

/// A Runtime API response: status, headers and the whole body.
struct RuntimeAPIResponse: Sendable {
    /// The status code, e.g. 200.
    var status: Int
    var headers: RuntimeAPIHeaders
    var body: ByteBuffer
    /// Whether the server keeps the connection open for the next request (no `Connection: close`).
    var keepsConnection = true
}

/// A response's header fields in the order they came, looked up by name in any case.
struct RuntimeAPIHeaders: Sendable {
    private var fields: [(name: String, value: String)] = []

    mutating func append(name: String, value: String) {
        self.fields.append((name, value))
    }

    /// The value of the first field named `name`, compared without regard to case.
    func first(name: String) -> String? {
        let wanted = name.utf8
        return self.fields.first { field in
            field.name.utf8.count == wanted.count
                && zip(field.name.utf8, wanted).allSatisfy { Self.lowercased($0) == Self.lowercased($1) }
        }?.value
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
    }
}
