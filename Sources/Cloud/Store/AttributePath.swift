/// The place of a value inside an item: a top-level attribute, then map keys and list indexes,
/// like DynamoDB's document paths (`items[2].quantity`).
public struct AttributePath: Sendable, Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// One step below the top-level attribute.
    public enum Element: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    /// The top-level attribute's name, taken literally (a dot in it is part of the name).
    public var attribute: String
    /// The steps into maps and lists below it.
    public var elements: [Element]

    /// Creates the path to `attribute`, then through `elements`.
    public init(_ attribute: String, _ elements: [Element] = []) {
        self.attribute = attribute
        self.elements = elements
    }

    /// The top-level attribute named `value`, taken literally: `"a.b"` names one attribute, not a nested one.
    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The path to the map entry `key` below this path.
    public func key(_ key: String) -> AttributePath {
        AttributePath(self.attribute, self.elements + [.key(key)])
    }

    /// The path to the list element at `index` below this path.
    public func index(_ index: Int) -> AttributePath {
        AttributePath(self.attribute, self.elements + [.index(index)])
    }

    /// The path in DynamoDB's notation, e.g. `items[2].quantity`.
    public var description: String {
        self.elements.reduce(into: self.attribute) { text, element in
            switch element {
            case .key(let key): text += ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
    }

    /// The value at this path in `item`, if there is one.
    public func value(in item: Item) -> AttributeValue? {
        guard var value = item[self.attribute] else { return nil }
        for element in self.elements {
            switch (element, value) {
            case (.key(let key), .map(let entries)):
                guard let next = entries[key] else { return nil }
                value = next
            case (.index(let index), .list(let list)):
                guard list.indices.contains(index) else { return nil }
                value = list[index]
            default:
                return nil
            }
        }
        return value
    }
}
