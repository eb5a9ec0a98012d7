/// A JSON object of strings as ``JSONReader/stringMapKeepingText()`` reads it: kept as its text when every key and
/// value allows (``JSONTextStringMap``), otherwise decoded into a dictionary.
package enum JSONStringMap: Sendable {
    /// Members decoded into strings.
    case dictionary([String: String])
    /// Members kept as places in the text they were read from.
    case text(JSONTextStringMap)

    /// The value of `key`; `nil` when the object does not have it.
    package func value(forKey key: String) -> String? {
        switch self {
        case .dictionary(let dictionary): dictionary[key]
        case .text(let text): text.value(forKey: key)
        }
    }

    /// Every member in a dictionary.
    package var dictionary: [String: String] {
        switch self {
        case .dictionary(let dictionary): dictionary
        case .text(let text): text.dictionary
        }
    }

    /// Whether the object has no member.
    package var isEmpty: Bool {
        switch self {
        case .dictionary(let dictionary): dictionary.isEmpty
        case .text(let text): text.isEmpty
        }
    }
}
