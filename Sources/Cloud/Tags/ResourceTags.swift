/// AWS's bounds on a resource's tags (cost allocation labels), as SQS queues and EventBridge buses and rules keep
/// them: at most ``maximumCount`` per resource, keys of 1 to ``maximumKeyLength`` characters and values of at most
/// ``maximumValueLength``, keys compared in their case, both made of letters, digits, spaces (Unicode's separators,
/// not tabs or line breaks) and `_ . : / = + - @`, and no key or value beginning with `aws:` (in any case), which AWS
/// keeps for its own tags. Each port wraps the faults in its own error.
public enum ResourceTags {
    /// The most tags one resource holds.
    public static let maximumCount = 50
    /// The longest key, in characters.
    public static let maximumKeyLength = 128
    /// The longest value, in characters.
    public static let maximumValueLength = 256

    /// The first fault of `tags` that can be told without the resource's own tags, in a sentence; `nil` when there is
    /// none. `resource` names what holds them (`a queue`).
    public static func fault(in tags: [String: String], for resource: String) -> String? {
        guard tags.count <= Self.maximumCount else {
            return "\(tags.count) tags are more than \(resource) holds (\(Self.maximumCount))"
        }
        for (key, value) in tags {
            guard (1...Self.maximumKeyLength).contains(key.count) else {
                return "a tag key has 1 to \(Self.maximumKeyLength) characters"
            }
            guard value.count <= Self.maximumValueLength else {
                return "the value of \(key.prefix(128)) is over \(Self.maximumValueLength) characters"
            }
            guard !key.lowercased().hasPrefix("aws:"), !value.lowercased().hasPrefix("aws:") else {
                return "tag keys and values beginning with aws: are reserved for AWS"
            }
            guard key.allSatisfy(Self.isAllowed), value.allSatisfy(Self.isAllowed) else {
                return "tags hold letters, digits, spaces and _ . : / = + - @ only (in \(key.prefix(128)))"
            }
        }
        return nil
    }

    /// The fault of a resource, named `name`, that would hold `count` tags; `nil` within ``maximumCount``.
    public static func countFault(_ count: Int, of name: String) -> String? {
        count <= Self.maximumCount ? nil : "\(name) would have \(count) tags, more than \(Self.maximumCount)"
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
