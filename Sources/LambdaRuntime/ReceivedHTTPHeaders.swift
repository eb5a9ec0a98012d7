/// A response's header fields in the order they came, looked up by name in any case.
///
/// The fields are kept as the bytes they came as, every name and value one after another in one buffer, and made into
/// strings only when asked for. The runtime reads two responses in every invocation and looks up about ten of their
/// fields: a string for each name and value of every field (seven of them allocated for `next`'s answer) cost more
/// than reading the head.
package struct ReceivedHTTPHeaders: Sendable {
    /// Where one field lies in ``text``: its name, then its value right after it.
    private struct Place: Sendable {
        var nameStart: Int32
        var valueStart: Int32
        var valueEnd: Int32

        var nameCount: Int { Int(self.valueStart - self.nameStart) }
    }

    /// The fields' names and values, one after another.
    private var text: [UInt8] = []
    private var places: [Place] = []

    /// No fields yet, with room for `byteCount` bytes of names and values and about eight fields (an invocation's
    /// head has about that many).
    package init(reservingBytes byteCount: Int = 256) {
        self.text.reserveCapacity(byteCount)
        self.places.reserveCapacity(8)
    }

    /// Adds a field whose name and value are `name` and `value` as they came.
    ///
    /// A head is bounded far below 2 GiB (``HTTPResponseReader/maxHeadBytes``), so the places fit in 32 bits.
    package mutating func append(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        let nameStart = Int32(self.text.count)
        self.text.append(contentsOf: name)
        let valueStart = Int32(self.text.count)
        self.text.append(contentsOf: value)
        self.places.append(Place(nameStart: nameStart, valueStart: valueStart, valueEnd: Int32(self.text.count)))
    }

    /// The fields, in the order they came (invalid UTF-8 repaired).
    package var fields: [(name: String, value: String)] {
        self.text.withUnsafeBytes { text in
            self.places.map { place in
                (
                    Self.string(text, place.nameStart..<place.valueStart),
                    Self.string(text, place.valueStart..<place.valueEnd)
                )
            }
        }
    }

    /// The value of the first field named `name`, compared without regard to case (invalid UTF-8 repaired).
    package func first(name: String) -> String? {
        var wanted = name
        return wanted.withUTF8 { wanted in
            self.text.withUnsafeBytes { text in
                for place in self.places where place.nameCount == wanted.count {
                    let candidate = UnsafeRawBufferPointer(rebasing: text[Int(place.nameStart)..<Int(place.valueStart)])
                    if HTTPSyntax.sameFieldName(candidate, UnsafeRawBufferPointer(wanted)) {
                        return Self.string(text, place.valueStart..<place.valueEnd)
                    }
                }
                return nil
            }
        }
    }

    private static func string(_ text: UnsafeRawBufferPointer, _ range: Range<Int32>) -> String {
        String(
            decoding: UnsafeRawBufferPointer(rebasing: text[Int(range.lowerBound)..<Int(range.upperBound)]),
            as: UTF8.self)
    }
}
