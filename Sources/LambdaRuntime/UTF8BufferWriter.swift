/// Writes UTF-8 text and bytes one piece after another into a buffer that was sized for all of them beforehand, so
/// that a text made of many pieces (a request's head, a signature's texts) is made with one allocation and no growth.
package struct UTF8BufferWriter {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    /// How many bytes have been written, from the start of the buffer.
    package private(set) var count = 0

    /// A writer at the start of `buffer`.
    package init(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
        self.buffer = buffer
    }

    /// Writes `byte`.
    package mutating func write(_ byte: UInt8) {
        precondition(self.count < self.buffer.count, "the buffer was sized too small")
        self.buffer[self.count] = byte
        self.count += 1
    }

    /// Writes `bytes`.
    package mutating func write(_ bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= self.buffer.count - self.count, "the buffer was sized too small")
        UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: self.buffer[self.count...]))
            .copyMemory(from: bytes)
        self.count += bytes.count
    }

    /// Lets `body` write exactly `byteCount` bytes in place.
    package mutating func write(byteCount: Int, _ body: (UnsafeMutableRawBufferPointer) -> Void) {
        precondition(byteCount <= self.buffer.count - self.count, "the buffer was sized too small")
        body(
            UnsafeMutableRawBufferPointer(
                UnsafeMutableBufferPointer(rebasing: self.buffer[self.count..<(self.count + byteCount)])))
        self.count += byteCount
    }

    /// Writes the UTF-8 bytes of `text`.
    package mutating func write(_ text: StaticString) {
        self.write(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Writes the UTF-8 bytes of `text`.
    package mutating func write(_ text: String) {
        let copied: Void? = text.utf8.withContiguousStorageIfAvailable { self.write(UnsafeRawBufferPointer($0)) }
        if copied == nil {
            for byte in text.utf8 { self.write(byte) }
        }
    }

    /// Writes `value`'s decimal digits.
    package mutating func write(decimal value: Int) {
        precondition(value >= 0, "only counts are written in decimal")
        let digits = Self.decimalDigitCount(value)
        self.write(byteCount: digits) { output in
            var rest = value
            for index in stride(from: digits - 1, through: 0, by: -1) {
                output[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
        }
    }

    /// How many decimal digits ``write(decimal:)`` writes for `value`.
    package static func decimalDigitCount(_ value: Int) -> Int {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        return digits
    }
}
