import JSONCoding

/// The JSON paths EventBridge accepts in `InputPath` and `InputPathsMap`: `$`, then members in dot notation
/// (`$.detail.order-id`), array indices (`$.resources[0]`) and wildcards (`[*]` or `.*`, every element of an array
/// or every member of an object). A path with a wildcard selects a list, as EventBridge's JSONPath does: the values
/// the rest of the path reaches from each element, in order (an object's members by key, as the parsed event keeps
/// no order of its own), those it reaches nothing from left out.
struct EventJSONPath: Sendable {
    private enum Step: Sendable {
        case member(String)
        case index(Int)
        case every
    }

    private let steps: [Step]

    /// The path `text`, or `nil` when it is not one EventBridge evaluates.
    init?(_ text: String) {
        guard text.first == "$" else { return nil }
        var steps: [Step] = []
        var rest = text.dropFirst()
        while let first = rest.first {
            if first == "." {
                let name = rest.dropFirst().prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { return nil }
                steps.append(name == "*" ? .every : .member(String(name)))
                rest = rest.dropFirst(1 + name.count)
            } else if first == "[" {
                guard let close = rest.firstIndex(of: "]") else { return nil }
                let inside = rest[rest.index(after: rest.startIndex)..<close]
                if inside == "*" {
                    steps.append(.every)
                } else {
                    guard let index = Int(inside), index >= 0 else { return nil }
                    steps.append(.index(index))
                }
                rest = rest[rest.index(after: close)...]
            } else {
                return nil
            }
        }
        self.steps = steps
    }

    /// The value the path reaches in `value` (a list for a path with a wildcard), or `nil` when a path without one
    /// reaches nothing.
    func select(in value: JSONValue) -> JSONValue? {
        let reached = Self.values(reachedBy: self.steps[...], from: value)
        guard self.steps.contains(where: { if case .every = $0 { true } else { false } }) else { return reached.first }
        return .array(reached)
    }

    /// Every value `steps` reach from `value`, in order.
    private static func values(reachedBy steps: ArraySlice<Step>, from value: JSONValue) -> [JSONValue] {
        guard let step = steps.first else { return [value] }
        let rest = steps.dropFirst()
        switch step {
        case .member(let name):
            return value[name].map { Self.values(reachedBy: rest, from: $0) } ?? []
        case .index(let index):
            guard let elements = value.arrayValue, index < elements.count else { return [] }
            return Self.values(reachedBy: rest, from: elements[index])
        case .every:
            let children: [JSONValue] =
                switch value {
                case .array(let elements): elements
                case .object(let members): members.keys.sorted().compactMap { members[$0] }
                default: []
                }
            return children.flatMap { Self.values(reachedBy: rest, from: $0) }
        }
    }
}
