import JSONCoding

/// The JSON paths EventBridge accepts in `InputPath` and `InputPathsMap`: `$`, then members in dot notation
/// (`$.detail.order-id`) and array indices (`$.resources[0]`).
struct EventJSONPath: Sendable {
    private enum Step: Sendable {
        case member(String)
        case index(Int)
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
                steps.append(.member(String(name)))
                rest = rest.dropFirst(1 + name.count)
            } else if first == "[" {
                guard let close = rest.firstIndex(of: "]"),
                    let index = Int(rest[rest.index(after: rest.startIndex)..<close]), index >= 0
                else { return nil }
                steps.append(.index(index))
                rest = rest[rest.index(after: close)...]
            } else {
                return nil
            }
        }
        self.steps = steps
    }

    /// The value the path reaches in `value`, or `nil` when it reaches nothing.
    func select(in value: JSONValue) -> JSONValue? {
        var current = value
        for step in self.steps {
            switch step {
            case .member(let name):
                guard let next = current[name] else { return nil }
                current = next
            case .index(let index):
                guard let elements = current.arrayValue, index < elements.count else { return nil }
                current = elements[index]
            }
        }
        return current
    }
}
