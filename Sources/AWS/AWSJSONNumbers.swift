import JSONCoding

/// Numbers and times as the JSON protocols write them (EventBridge, Secrets Manager): timestamps are seconds since
/// the Unix epoch, with a fraction or without; counts are integers, though some emulators send them as decimals.
enum AWSJSONNumbers {
    /// The latest time sent: the last second of the year 9999, which every implementation can represent.
    static let latestMilliseconds: Int64 = 253_402_300_799_000

    /// `milliseconds` since the epoch as a timestamp: whole seconds as an integer, else seconds with a fraction; a
    /// time past ``latestMilliseconds`` is sent as that.
    static func timestamp(_ milliseconds: Int64) -> JSONValue {
        let clamped = min(milliseconds, Self.latestMilliseconds)
        guard clamped % 1000 != 0 else { return .integer(clamped / 1000) }
        return .number(Double(clamped) / 1000)
    }

    /// A timestamp read back, in milliseconds since the epoch.
    static func milliseconds(_ value: JSONValue?) -> Int64? {
        switch value {
        case .integer(let seconds): seconds * 1000
        case .number(let seconds): Int64((seconds * 1000).rounded())
        default: nil
        }
    }

    /// A count read back.
    static func int(_ value: JSONValue?) -> Int? {
        switch value {
        case .integer(let number): Int(number)
        case .number(let number): Int(number)
        default: nil
        }
    }
}
