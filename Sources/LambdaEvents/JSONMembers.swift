/// The members of one JSON object of an event, read by name with the absent-means-default rules of
/// `decodeIfPresent` (`null` reads as absent), and errors that name the member's dotted path.
struct JSONMembers {
    private let members: [String: JSONValue]
    private let path: String

    /// The members of `value`, which must be an object, found at `path`.
    init(_ value: JSONValue, path: String) throws(EventDecodingError) {
        guard case .object(let members) = value else { throw EventDecodingError(.wrongType, path: path) }
        self.members = members
        self.path = path
    }

    private func pathOf(_ key: String) -> String {
        self.path.isEmpty ? key : "\(self.path).\(key)"
    }

    /// The member `key` unless it is absent or `null`.
    private func present(_ key: String) -> JSONValue? {
        guard let value = self.members[key], value != .null else { return nil }
        return value
    }

    func string(_ key: String) throws(EventDecodingError) -> String {
        guard let value = try self.optionalString(key) else {
            throw EventDecodingError(.missingMember, path: pathOf(key))
        }
        return value
    }

    func optionalString(_ key: String) throws(EventDecodingError) -> String? {
        guard let value = self.present(key) else { return nil }
        guard case .string(let text) = value else { throw EventDecodingError(.wrongType, path: pathOf(key)) }
        return text
    }

    func int64(_ key: String) throws(EventDecodingError) -> Int64 {
        guard let value = self.present(key) else { throw EventDecodingError(.missingMember, path: pathOf(key)) }
        guard case .integer(let number) = value else { throw EventDecodingError(.wrongType, path: pathOf(key)) }
        return number
    }

    func optionalBool(_ key: String) throws(EventDecodingError) -> Bool? {
        guard let value = self.present(key) else { return nil }
        guard case .bool(let flag) = value else { throw EventDecodingError(.wrongType, path: pathOf(key)) }
        return flag
    }

    func strings(_ key: String) throws(EventDecodingError) -> [String] {
        guard let value = try self.optionalStrings(key) else {
            throw EventDecodingError(.missingMember, path: pathOf(key))
        }
        return value
    }

    func optionalStrings(_ key: String) throws(EventDecodingError) -> [String]? {
        guard let value = self.present(key) else { return nil }
        guard let strings = Self.strings(in: value) else { throw EventDecodingError(.wrongType, path: pathOf(key)) }
        return strings
    }

    /// The elements of `value` when it is an array of strings; `nil` otherwise.
    static func strings(in value: JSONValue) -> [String]? {
        guard case .array(let elements) = value else { return nil }
        var strings: [String] = []
        strings.reserveCapacity(elements.count)
        for element in elements {
            guard case .string(let text) = element else { return nil }
            strings.append(text)
        }
        return strings
    }

    func stringMap(_ key: String) throws(EventDecodingError) -> [String: String] {
        guard let value = try self.optionalStringMap(key) else {
            throw EventDecodingError(.missingMember, path: pathOf(key))
        }
        return value
    }

    func optionalStringMap(_ key: String) throws(EventDecodingError) -> [String: String]? {
        guard let value = self.present(key) else { return nil }
        guard case .object(let members) = value else { throw EventDecodingError(.wrongType, path: pathOf(key)) }
        var strings: [String: String] = [:]
        strings.reserveCapacity(members.count)
        for (name, member) in members {
            guard case .string(let text) = member else {
                throw EventDecodingError(.wrongType, path: "\(pathOf(key)).\(name)")
            }
            strings[name] = text
        }
        return strings
    }

    func optionalValueMap(_ key: String) throws(EventDecodingError) -> [String: JSONValue]? {
        guard let value = self.present(key) else { return nil }
        guard case .object(let members) = value else { throw EventDecodingError(.wrongType, path: pathOf(key)) }
        return members
    }

    /// The member `key` as an object of members, required.
    func object(_ key: String) throws(EventDecodingError) -> JSONMembers {
        guard let value = self.present(key) else { throw EventDecodingError(.missingMember, path: pathOf(key)) }
        return try JSONMembers(value, path: pathOf(key))
    }

    /// The member `key` as an object of members, or `nil` when it is absent or `null`.
    func optionalObject(_ key: String) throws(EventDecodingError) -> JSONMembers? {
        guard let value = self.present(key) else { return nil }
        return try JSONMembers(value, path: pathOf(key))
    }
}
