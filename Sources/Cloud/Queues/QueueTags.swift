/// SQS's bounds on a queue's tags (cost allocation labels): at most ``maximumCount`` per queue, keys of 1 to
/// ``maximumKeyLength`` characters and values of at most ``maximumValueLength``, keys compared in their case, both
/// made of letters, digits, spaces (Unicode's separators, not tabs or line breaks) and `_ . : / = + - @`, and no key
/// or value beginning with `aws:` (in any case), which AWS keeps for its own tags.
public enum QueueTags {
    /// The most tags one queue holds.
    public static let maximumCount = 50
    /// The longest key, in characters.
    public static let maximumKeyLength = 128
    /// The longest value, in characters.
    public static let maximumValueLength = 256

    /// Refuses `tags` when they are more than one queue may hold, or a key or value is out of bounds: what can be
    /// told without the queue's own tags (``checkCount(_:queue:)`` counts those).
    /// - Throws: ``MessageQueueError/Code/invalidParameterValue`` naming the first fault.
    public static func validate(_ tags: [String: String]) throws(MessageQueueError) {
        guard tags.count <= Self.maximumCount else {
            throw .invalidParameter("Tags", "\(tags.count) tags are more than a queue holds (\(Self.maximumCount))")
        }
        for (key, value) in tags {
            guard (1...Self.maximumKeyLength).contains(key.count) else {
                throw .invalidParameter("Tags", "a tag key has 1 to \(Self.maximumKeyLength) characters")
            }
            guard value.count <= Self.maximumValueLength else {
                throw .invalidParameter(
                    "Tags", "the value of \(key.prefix(128)) is over \(Self.maximumValueLength) characters")
            }
            guard !key.lowercased().hasPrefix("aws:"), !value.lowercased().hasPrefix("aws:") else {
                throw .invalidParameter("Tags", "tag keys and values beginning with aws: are reserved for AWS")
            }
            guard key.allSatisfy(Self.isAllowed), value.allSatisfy(Self.isAllowed) else {
                throw .invalidParameter(
                    "Tags", "tags hold letters, digits, spaces and _ . : / = + - @ only (in \(key.prefix(128)))")
            }
        }
    }

    /// Refuses a queue that would hold `count` tags.
    /// - Throws: ``MessageQueueError/Code/invalidParameterValue`` past ``maximumCount``.
    public static func checkCount(_ count: Int, queue: String) throws(MessageQueueError) {
        guard count <= Self.maximumCount else {
            throw .invalidParameter("Tags", "\(queue) would have \(count) tags, more than \(Self.maximumCount)")
        }
    }

    /// Whether `character` may stand in a tag's key or value.
    private static func isAllowed(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || Self.isSeparator(character) || "_.:/=+-@".contains(character)
    }

    /// Whether `character` is one of Unicode's separators (`\p{Z}`: spaces, U+2028, U+2029), as AWS's tag pattern
    /// allows; tabs and line breaks are control characters, not separators.
    private static func isSeparator(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: true
            default: false
            }
        }
    }
}
