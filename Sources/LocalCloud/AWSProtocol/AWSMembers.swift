import Foundation
public import JSONCoding
import LambdaEvents

/// The members of one structure of a request (its input, or one entry of a list), read by name with the type the
/// service's model gives them. A member of another type, or a list or map longer than ``maximumElements``, is the
/// service's ``AWSInputFaults/invalid`` error; a missing required member its ``AWSInputFaults/missing`` error. Each
/// error names the member by its path (`Entries.2.Id`).
public struct AWSMembers: Sendable {
    /// The most elements a list or map member may have; longer ones are refused before they are read.
    public static let maximumElements = 100

    private let members: [String: JSONValue]
    private let faults: AWSInputFaults
    private let path: String

    /// The members of `object`, under `path` (empty for the input itself), faulted with `faults`.
    public init(_ object: [String: JSONValue], faults: AWSInputFaults, path: String = "") {
        self.members = object
        self.faults = faults
        self.path = path
    }

    /// The member `name`, or `nil` when it is missing or `null` (botocore never sends `null`; other clients may).
    private func value(_ name: String) -> JSONValue? {
        guard let value = self.members[name], value != .null else { return nil }
        return value
    }

    private func invalid(_ name: String, _ expected: String) -> AWSProtocolError {
        self.faults.invalid("The member \(self.path)\(name) must be \(expected)")
    }

    /// The error of a missing required member `name`.
    public func missing(_ name: String) -> AWSProtocolError {
        self.faults.missing("The request must contain the parameter \(self.path)\(name)")
    }

    /// The error of the member `name` whose value breaks a rule `reason` gives.
    public func invalidValue(_ name: String, _ reason: String) -> AWSProtocolError {
        self.faults.invalid("Value for parameter \(self.path)\(name) is invalid: \(reason)")
    }

    /// The string member `name`, if given.
    public func string(_ name: String) throws(AWSProtocolError) -> String? {
        guard let value = self.value(name) else { return nil }
        guard case .string(let text) = value else { throw self.invalid(name, "a string") }
        return text
    }

    /// The string member `name`, which is required.
    public func requiredString(_ name: String) throws(AWSProtocolError) -> String {
        guard let text = try self.string(name) else { throw self.missing(name) }
        return text
    }

    /// The member `name` as `read` reads it (``stringMap(_:)``, ``strings(_:)``...), which is required.
    public func required<Value>(
        _ name: String, _ read: (String) throws(AWSProtocolError) -> Value?
    ) throws(AWSProtocolError) -> Value {
        guard let value = try read(name) else { throw self.missing(name) }
        return value
    }

    /// The integer member `name`, if given; it must lie in `range`.
    public func integer(_ name: String, in range: ClosedRange<Int>) throws(AWSProtocolError) -> Int? {
        guard let value = self.value(name) else { return nil }
        guard case .integer(let number) = value else { throw self.invalid(name, "an integer") }
        guard let integer = Int(exactly: number), range.contains(integer) else {
            throw self.invalidValue(name, "\(number) is not between \(range.lowerBound) and \(range.upperBound)")
        }
        return integer
    }

    /// The latest timestamp read: the end of year 9999, in seconds since the Unix epoch.
    public static let latestTimestampSeconds = 253_402_300_799

    /// The timestamp member `name` (seconds since the Unix epoch, whole or fractional, as the JSON protocols send
    /// it), if given, in milliseconds since the epoch.
    public func timestampMilliseconds(_ name: String) throws(AWSProtocolError) -> Int64? {
        guard let value = self.value(name) else { return nil }
        let seconds: Double
        switch value {
        case .integer(let whole): seconds = Double(whole)
        case .number(let fractional): seconds = fractional
        default: throw self.invalid(name, "a timestamp")
        }
        guard seconds >= 0, seconds <= Double(Self.latestTimestampSeconds) else {
            throw self.invalidValue(name, "\(seconds) is not a time from 1970 to 9999")
        }
        return Int64((seconds * 1000).rounded(.down))
    }

    /// The Boolean member `name`, if given.
    public func bool(_ name: String) throws(AWSProtocolError) -> Bool? {
        guard let value = self.value(name) else { return nil }
        guard case .bool(let flag) = value else { throw self.invalid(name, "a Boolean") }
        return flag
    }

    /// The blob member `name` (base64 in JSON), if given.
    public func blob(_ name: String) throws(AWSProtocolError) -> [UInt8]? {
        guard let text = try self.string(name) else { return nil }
        guard let bytes = Base64.decode(text) else { throw self.invalid(name, "base64") }
        return bytes
    }

    /// The list of strings `name`, if given.
    public func strings(_ name: String) throws(AWSProtocolError) -> [String]? {
        guard let elements = try self.list(name) else { return nil }
        var strings: [String] = []
        for element in elements {
            guard case .string(let text) = element else { throw self.invalid(name, "a list of strings") }
            strings.append(text)
        }
        return strings
    }

    /// The map of strings `name`, if given.
    public func stringMap(_ name: String) throws(AWSProtocolError) -> [String: String]? {
        guard let entries = try self.map(name) else { return nil }
        var map: [String: String] = [:]
        for (key, value) in entries {
            guard case .string(let text) = value else { throw self.invalid(name, "a map of strings") }
            map[key] = text
        }
        return map
    }

    /// The structure `name`, if given, read under the path `name.`.
    public func structure(_ name: String) throws(AWSProtocolError) -> AWSMembers? {
        guard let value = self.value(name) else { return nil }
        guard case .object(let members) = value else { throw self.invalid(name, "a structure") }
        return AWSMembers(members, faults: self.faults, path: "\(self.path)\(name).")
    }

    /// The list of structures `name`, if given, each read under the path `name.<index>.`.
    public func structures(_ name: String) throws(AWSProtocolError) -> [AWSMembers]? {
        guard let elements = try self.list(name) else { return nil }
        var structures: [AWSMembers] = []
        for (index, element) in elements.enumerated() {
            guard case .object(let members) = element else { throw self.invalid(name, "a list of structures") }
            structures.append(AWSMembers(members, faults: self.faults, path: "\(self.path)\(name).\(index + 1)."))
        }
        return structures
    }

    /// The map of structures `name`, if given, each read under the path `name.<key>.`.
    public func structureMap(_ name: String) throws(AWSProtocolError) -> [String: AWSMembers]? {
        guard let entries = try self.map(name) else { return nil }
        var map: [String: AWSMembers] = [:]
        for (key, value) in entries {
            guard case .object(let members) = value else { throw self.invalid(name, "a map of structures") }
            map[key] = AWSMembers(members, faults: self.faults, path: "\(self.path)\(name).\(key.prefix(64)).")
        }
        return map
    }

    private func list(_ name: String) throws(AWSProtocolError) -> [JSONValue]? {
        guard let value = self.value(name) else { return nil }
        guard case .array(let elements) = value else { throw self.invalid(name, "a list") }
        guard elements.count <= Self.maximumElements else {
            throw self.invalidValue(name, "a list has at most \(Self.maximumElements) elements")
        }
        return elements
    }

    private func map(_ name: String) throws(AWSProtocolError) -> [String: JSONValue]? {
        guard let value = self.value(name) else { return nil }
        guard case .object(let entries) = value else { throw self.invalid(name, "a map") }
        guard entries.count <= Self.maximumElements else {
            throw self.invalidValue(name, "a map has at most \(Self.maximumElements) entries")
        }
        return entries
    }
}
