/// The key of the member a ``JSONReader`` is at, as a decoder switches on it. A key of up to
/// ``maximumPackedByteCount`` ASCII bytes without escapes (nearly every key of an AWS event) is kept packed in three
/// words, with no string made and no reference counted: each `case "name":` compares the length, and only a key of
/// the same length byte by byte. Any other key (longer, escaped, non-ASCII) is decoded and compared as its text.
///
/// The type is `public` only so that Swift inlines its `@inlinable package` members in the package's other modules
/// (it does not for the members of a `package` type); nothing of it is public API.
public struct JSONMemberKey {
    /// The longest key kept packed.
    package static let maximumPackedByteCount = 24

    /// A packed key's bytes, zero after its end.
    @usableFromInline let packed: (UInt64, UInt64, UInt64)
    /// How many bytes of ``packed`` are the key; -1 for a decoded key, so that a literal's length never matches it.
    @usableFromInline let packedCount: Int
    /// The key decoded from the text, when it is not packed.
    @usableFromInline let decoded: String?

    /// The key `bytes`, ASCII without escapes and at most ``maximumPackedByteCount`` long, packed.
    init(packing bytes: UnsafeRawBufferPointer) {
        precondition(bytes.count <= Self.maximumPackedByteCount, "the key is too long to be packed")
        var packed: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &packed) { $0.copyMemory(from: bytes) }
        self.packed = packed
        self.packedCount = bytes.count
        self.decoded = nil
    }

    /// A key decoded from the text.
    init(decoded text: String) {
        self.packed = (0, 0, 0)
        self.packedCount = -1
        self.decoded = text
    }

    /// The key as a string.
    package var string: String {
        if let decoded = self.decoded { return decoded }
        return withUnsafeBytes(of: self.packed) { bytes in
            String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<self.packedCount]), as: UTF8.self)
        }
    }

    /// Whether `key` is `literal`: what a `switch` over keys calls for each `case "name":`. Inlined, a packed key
    /// of another length fails at one comparison of its length with the literal's.
    @inlinable
    package static func ~= (literal: StaticString, key: JSONMemberKey) -> Bool {
        if literal.hasPointerRepresentation, key.packedCount >= 0, key.packedCount != literal.utf8CodeUnitCount {
            return false
        }
        return key.isEqual(to: literal)
    }

    /// Whether the key is `literal`.
    @usableFromInline
    func isEqual(to literal: StaticString) -> Bool {
        guard literal.hasPointerRepresentation else { return literal.withUTF8Buffer { self.isEqual(to: $0) } }
        return self.isEqual(to: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Whether the key's bytes are `expected`: a packed key compares three words with `expected` packed alike.
    private func isEqual(to expected: UnsafeBufferPointer<UInt8>) -> Bool {
        if let decoded = self.decoded { return decoded.utf8.elementsEqual(expected) }
        guard expected.count == self.packedCount else { return false }
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(expected)) }
        return words.0 == self.packed.0 && words.1 == self.packed.1 && words.2 == self.packed.2
    }
}
