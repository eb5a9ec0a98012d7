/// One entry of a pattern field's array: a value to equal, or an operator; the field matches when any entry matches
/// one of the event's values at that path.
enum LeafCondition: Sendable {
    /// The value, type included (numbers compare by value: `300` equals `300.0`).
    case equals(EventScalar)
    /// A string starting with the text (`prefix`).
    case prefix(String)
    /// A string starting with the text in any case (`prefix` with `equals-ignore-case`); the text is lowercased.
    case prefixIgnoringCase(String)
    /// A string ending with the text (`suffix`).
    case suffix(String)
    /// A string ending with the text in any case; the text is lowercased.
    case suffixIgnoringCase(String)
    /// A string equal to the text in any case (`equals-ignore-case`); the text is lowercased.
    case equalsIgnoringCase(String)
    /// A string the wildcard pattern matches.
    case wildcard(WildcardPattern)
    /// A number in the range (`numeric`).
    case numeric(NumericRange)
    /// A string that is an IP address in the block (`cidr`).
    case cidr(CIDRBlock)
    /// Whether the field is present as a leaf (`exists`); `false` matches only when it is absent.
    case exists(Bool)
    /// Any value other than these (`anything-but`), null included.
    case anythingBut(Set<EventScalar>)
    /// Any value that is not a string starting with one of these (`anything-but` with `prefix`).
    case anythingButPrefix([String])
    /// Any value that is not a string ending with one of these (`anything-but` with `suffix`).
    case anythingButSuffix([String])
    /// Any value that is not a string equal in any case to one of these, lowercased (`anything-but` with
    /// `equals-ignore-case`).
    case anythingButIgnoringCase([String])
    /// Any value that is not a string matching one of these (`anything-but` with `wildcard`).
    case anythingButWildcard([WildcardPattern])

    /// Whether this entry matches a value present in the event. The string operators match only strings; the
    /// string forms of `anything-but` match every value that is not a string.
    func matches(_ value: EventScalar) -> Bool {
        switch self {
        case .equals(let expected): return value == expected
        case .exists(let present): return present
        case .anythingBut(let excluded): return !excluded.contains(value)
        case .numeric(let range): return value.number.map(range.contains) ?? false
        case .prefix(let start): return value.string.map { Self.text($0, startsWith: start) } ?? false
        case .prefixIgnoringCase(let start):
            return value.string.map { Self.text($0.lowercased(), startsWith: start) } ?? false
        case .suffix(let end): return value.string.map { Self.text($0, endsWith: end) } ?? false
        case .suffixIgnoringCase(let end):
            return value.string.map { Self.text($0.lowercased(), endsWith: end) } ?? false
        case .equalsIgnoringCase(let expected): return value.string.map { $0.lowercased() == expected } ?? false
        case .wildcard(let pattern): return value.string.map(pattern.matches) ?? false
        case .cidr(let block): return value.string.map(block.contains) ?? false
        case .anythingButPrefix(let starts):
            guard let text = value.string else { return true }
            return !starts.contains { Self.text(text, startsWith: $0) }
        case .anythingButSuffix(let ends):
            guard let text = value.string else { return true }
            return !ends.contains { Self.text(text, endsWith: $0) }
        case .anythingButIgnoringCase(let excluded):
            guard let text = value.string else { return true }
            return !excluded.contains(text.lowercased())
        case .anythingButWildcard(let patterns):
            guard let text = value.string else { return true }
            return !patterns.contains { $0.matches(text) }
        }
    }

    /// Byte-wise, as EventBridge compares: no Unicode normalisation.
    private static func text(_ text: String, startsWith start: String) -> Bool {
        text.utf8.starts(with: start.utf8)
    }

    private static func text(_ text: String, endsWith end: String) -> Bool {
        let bytes = text.utf8
        let count = end.utf8.count
        return bytes.count >= count && bytes.suffix(count).elementsEqual(end.utf8)
    }
}
