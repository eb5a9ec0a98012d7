/// Reads HTTP/1.1 messages from a blocking socket, each framed by its `Content-Length` (none means no body), keeping
/// whatever arrived after one message for the next. Both the responder (reading requests) and the raw client (reading
/// responses) frame this way, with no more parsing than framing needs.
struct HTTPMessageReader {
    /// The largest message accepted: far above what the benchmarks exchange.
    static let maximumMessageByteCount = 1 << 20

    private let socket: Int32
    private var pending: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

    /// A reader of `socket`.
    init(socket: Int32) {
        self.socket = socket
    }

    /// The next whole message, head and body; `nil` when the peer closed the connection or sent too much.
    mutating func next() throws -> [UInt8]? {
        while true {
            if let length = Self.lengthOfFirstMessage(in: self.pending) {
                let message = Array(self.pending[..<length])
                self.pending.removeFirst(length)
                return message
            }
            guard self.pending.count <= Self.maximumMessageByteCount else { return nil }
            let socket = self.socket
            let count = try self.chunk.withUnsafeMutableBytes { try LoopbackSocket.receive(from: socket, into: $0) }
            guard count > 0 else { return nil }
            self.pending.append(contentsOf: self.chunk[..<count])
        }
    }

    /// The byte count of the message `bytes` start with, once all of it is there.
    private static func lengthOfFirstMessage(in bytes: [UInt8]) -> Int? {
        guard let headLength = Self.headLength(of: bytes) else { return nil }
        let total = headLength + Self.contentLength(inHead: bytes[..<headLength])
        return bytes.count >= total ? total : nil
    }

    /// The byte count of the head up to and including the blank line, once it is there.
    private static func headLength(of bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 3..<bytes.count
        where bytes[index] == 10 && bytes[index - 1] == 13 && bytes[index - 2] == 10 && bytes[index - 3] == 13 {
            return index + 1
        }
        return nil
    }

    /// The value of the head's `Content-Length` line, 0 without one.
    private static func contentLength(inHead head: ArraySlice<UInt8>) -> Int {
        let name = Array("content-length:".utf8)
        var lineStart = head.startIndex
        while lineStart < head.endIndex {
            let lineEnd = head[lineStart...].firstIndex(of: 10) ?? head.endIndex
            let line = head[lineStart..<lineEnd]
            if line.count > name.count, zip(line, name).allSatisfy({ $0 | 0x20 == $1 }) {
                return line.dropFirst(name.count).reduce(0) { value, byte in
                    // Capped just past the largest message, so that no digit string can overflow.
                    (48...57).contains(byte)
                        ? min(value * 10 + Int(byte - 48), Self.maximumMessageByteCount + 1) : value
                }
            }
            lineStart = lineEnd + 1
        }
        return 0
    }
}
