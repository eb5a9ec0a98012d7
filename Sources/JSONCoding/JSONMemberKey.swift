/// The key of the member a ``JSONReader`` is at, as a decoder switches on it: an ASCII key without escapes stays the
/// bytes of the text, compared with each `case "name":` by length and then byte by byte, so that no string is made
/// for a key that is only matched. Any other key (escapes, non-ASCII) is decoded and checked as a string literal is.
package struct JSONMemberKey {
    private enum Storage {
        /// The key's bytes between its quotes: ASCII, no escape.
        case ascii(ArraySlice<UInt8>)
        /// The key decoded from its escapes, or non-ASCII text validated.
        case decoded(String)
    }

    private let storage: Storage

    /// A key that is `bytes` as they stand, ASCII and without escapes.
    init(ascii bytes: ArraySlice<UInt8>) {
        self.storage = .ascii(bytes)
    }

    /// A key decoded from the text.
    init(decoded text: String) {
        self.storage = .decoded(text)
    }

    /// The key as a string, for a decoder that keeps it (a map's key).
    package var string: String {
        switch self.storage {
        case .ascii(let bytes): String(decoding: bytes, as: UTF8.self)
        case .decoded(let text): text
        }
    }

    /// Whether `key` is `literal`: what a `switch` over keys calls for each `case "name":`.
    package static func ~= (literal: StaticString, key: JSONMemberKey) -> Bool {
        let expected = UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        switch key.storage {
        case .ascii(let bytes):
            return bytes.count == expected.count && bytes.withUnsafeBytes { $0.elementsEqual(expected) }
        case .decoded(let text):
            return text.utf8.elementsEqual(expected)
        }
    }
}
