import Cloud
import JSONCoding

/// A rule target as the bus's file keeps it: its definition as JSON text, in the `targets` table and in each
/// delivery owed to it.
enum StoredTarget {
    /// `target` as JSON text.
    static func encode(_ target: RuleTarget) throws -> String {
        String(decoding: try StreamingJSONEncoder().encode(target), as: UTF8.self)
    }

    /// The target kept as `text`.
    static func decode(_ text: String) throws -> RuleTarget {
        try JSONValueDecoder().decode(RuleTarget.self, from: text.utf8)
    }
}
