import JSONCoding

/// Reads one operator object of a field's array (`{"prefix": "us-"}`), checking its operand as EventBridge does.
enum OperatorCompiler {
    /// The condition the operator object `members` stands for.
    static func condition(_ members: [String: JSONValue]) throws(EventPatternError) -> LeafCondition {
        guard members.count == 1, let (name, operand) = members.first else {
            throw EventPatternError(.invalidMatchValue, "Only one key allowed in match expression")
        }
        switch name {
        case "prefix":
            return try self.affix(
                operand, name: name, exact: LeafCondition.prefix, ignoringCase: LeafCondition.prefixIgnoringCase)
        case "suffix":
            return try self.affix(
                operand, name: name, exact: LeafCondition.suffix, ignoringCase: LeafCondition.suffixIgnoringCase)
        case "equals-ignore-case":
            return .equalsIgnoringCase(try self.string(operand, for: name).lowercased())
        case "wildcard":
            return .wildcard(try WildcardPattern(try self.string(operand, for: name)))
        case "numeric":
            return .numeric(try NumericRange(operand))
        case "cidr":
            // EventBridge names `prefix` when a `cidr` operand is not a string.
            return .cidr(try CIDRBlock(try self.string(operand, for: "prefix")))
        case "exists":
            guard case .bool(let present) = operand else {
                throw EventPatternError(.invalidOperand, "exists match pattern must be either true or false.")
            }
            return .exists(present)
        case "anything-but":
            return try self.anythingBut(operand)
        default:
            throw EventPatternError(.unrecognizedMatchType, "Unrecognized match type \(name)")
        }
    }

    /// `prefix` or `suffix`: a string, or `{"equals-ignore-case": string}`.
    private static func affix(
        _ operand: JSONValue, name: String, exact: (String) -> LeafCondition,
        ignoringCase: (String) -> LeafCondition
    ) throws(EventPatternError) -> LeafCondition {
        if case .object(let members) = operand, members.count == 1, let text = members["equals-ignore-case"] {
            return ignoringCase(try self.string(text, for: "equals-ignore-case").lowercased())
        }
        return exact(try self.string(operand, for: name))
    }

    /// `anything-but`: a string or number, a list of them, or one of `prefix`, `suffix`, `equals-ignore-case` and
    /// `wildcard` with a string or a list of strings.
    private static func anythingBut(_ operand: JSONValue) throws(EventPatternError) -> LeafCondition {
        let notAValue = EventPatternError(
            .invalidOperand, "Value of anything-but must be an array or single string/number value.")
        if let value = EventScalar(operand) {
            guard value.string != nil || value.number != nil else { throw notAValue }
            return .anythingBut([value])
        }
        switch operand {
        case .array(let entries):
            guard !entries.isEmpty else { throw EventPatternError(.emptyArray, "Empty arrays are not allowed") }
            var excluded = Set<EventScalar>()
            for entry in entries {
                guard let value = EventScalar(entry), value.string != nil || value.number != nil else {
                    throw EventPatternError(
                        .invalidOperand, "Inside anything but list, start|null|boolean is not supported.")
                }
                excluded.insert(value)
            }
            guard excluded.allSatisfy({ $0.number != nil }) || excluded.allSatisfy({ $0.string != nil }) else {
                throw EventPatternError(
                    .invalidOperand,
                    "Inside anything but list, either all values are number or string, mixed type is not supported")
            }
            return .anythingBut(excluded)
        case .object(let members):
            guard members.count == 1, let (name, inner) = members.first else {
                throw EventPatternError(.invalidMatchValue, "Only one key allowed in match expression")
            }
            return try self.anythingBut(name, inner)
        default:
            throw notAValue
        }
    }

    /// The string forms of `anything-but`.
    private static func anythingBut(_ name: String, _ operand: JSONValue) throws(EventPatternError) -> LeafCondition {
        switch name {
        case "prefix", "suffix":
            let affixes = try self.strings(operand, reason: "prefix/suffix match pattern must be a string")
            guard !affixes.contains("") else {
                throw EventPatternError(.invalidOperand, "Null prefix/suffix not allowed")
            }
            return name == "prefix" ? .anythingButPrefix(affixes) : .anythingButSuffix(affixes)
        case "equals-ignore-case":
            let texts = try self.strings(
                operand,
                reason: "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.")
            return .anythingButIgnoringCase(texts.map { $0.lowercased() })
        case "wildcard":
            var patterns: [WildcardPattern] = []
            for text in try self.strings(operand, reason: "wildcard match pattern must be a string") {
                patterns.append(try WildcardPattern(text))
            }
            return .anythingButWildcard(patterns)
        default:
            throw EventPatternError(.unrecognizedMatchType, "Unsupported anything-but pattern: \(name)")
        }
    }

    /// A string operand, or the error EventBridge gives for operator `name`.
    private static func string(_ operand: JSONValue, for name: String) throws(EventPatternError) -> String {
        guard case .string(let text) = operand else {
            throw EventPatternError(.invalidOperand, "\(name) match pattern must be a string")
        }
        return text
    }

    /// A string or a non-empty list of strings, else an error with `reason`.
    private static func strings(_ operand: JSONValue, reason: String) throws(EventPatternError) -> [String] {
        if case .string(let text) = operand { return [text] }
        guard case .array(let entries) = operand, !entries.isEmpty else {
            throw EventPatternError(.invalidOperand, reason)
        }
        var texts: [String] = []
        for entry in entries {
            guard case .string(let text) = entry else { throw EventPatternError(.invalidOperand, reason) }
            texts.append(text)
        }
        return texts
    }
}
