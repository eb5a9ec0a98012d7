public import JSONCoding
public import Logging

/// JSON's `null` as a metadata value.
struct LoggedNull: CustomStringConvertible, Sendable {
    var description: String { "null" }
}

extension Logger.MetadataValue {
    /// A JSON value as metadata that the Powertools logger writes back as the same JSON (an event, a body).
    public static func json(_ value: JSONValue) -> Logger.Metadata.Value {
        switch value {
        case .null: .stringConvertible(LoggedNull())
        case .bool(let flag): .stringConvertible(flag)
        case .integer(let integer): .stringConvertible(integer)
        case .number(let number): .stringConvertible(number)
        case .string(let text): .string(text)
        case .array(let values): .array(values.map(Self.json))
        case .object(let members): .dictionary(members.mapValues(Self.json))
        }
    }
}
