import NIOCore

/// Finds where CRLF-ended lines end in bytes that arrive a few at a time, looking at each byte once: the end of the
/// first line (a chunk's size), or of the first empty line (a head, or trailers). A line feed without its carriage
/// return, or more than `limit` bytes before the end, is refused.
struct HTTPLineScanner {
    /// The end a scan looks for.
    enum End {
        case lineEnd
        case emptyLine
    }

    let limit: Int
    /// How many of the readable bytes have been looked at, and where the line being scanned starts.
    private var scanned = 0
    private var lineStart = 0

    init(limit: Int) {
        self.limit = limit
    }

    /// How many of `buffer`'s readable bytes lead up to `end`, that end included, once it has arrived; `nil` until
    /// then. Between two calls the buffer may only grow; once the end is found, the caller takes those bytes.
    mutating func scan(
        _ buffer: ByteBuffer, through end: End
    ) throws(RuntimeAPIRequestReader.Malformed) -> Int? {
        try buffer.withUnsafeReadableBytes { bytes throws(RuntimeAPIRequestReader.Malformed) -> Int? in
            while let newline = bytes[self.scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                guard newline > self.lineStart, bytes[newline - 1] == UInt8(ascii: "\r") else {
                    throw RuntimeAPIRequestReader.Malformed(reason: "a line does not end in CRLF")
                }
                if end == .lineEnd || newline - 1 == self.lineStart {
                    self = HTTPLineScanner(limit: self.limit)
                    return newline + 1
                }
                self.lineStart = newline + 1
                self.scanned = newline + 1
            }
            self.scanned = bytes.count
            guard bytes.count <= self.limit else {
                throw RuntimeAPIRequestReader.Malformed(reason: "a head or line is over \(self.limit) bytes")
            }
            return nil
        }
    }
}
