/// Builds the ``JSONValue`` that reading the JSON text of the same writes would give, without the text: integers that
/// fit 64 bits and whole numbers among them are ``JSONValue/integer(_:)``, every other number ``JSONValue/number(_:)``.
struct JSONValueBuilder: JSONSink {
    /// A container being filled.
    private enum Open {
        case object([String: JSONValue], key: String?)
        case array([JSONValue])
    }

    private var open: [Open] = []
    /// The value, once the outermost one is complete.
    private(set) var result: JSONValue?

    mutating func beginObject() {
        self.open.append(.object([:], key: nil))
    }

    mutating func endObject() {
        guard case .object(let members, _) = self.open.popLast() else { return }
        self.add(.object(members))
    }

    mutating func beginArray() {
        self.open.append(.array([]))
    }

    mutating func endArray() {
        guard case .array(let elements) = self.open.popLast() else { return }
        self.add(.array(elements))
    }

    mutating func key(_ key: String) {
        guard case .object(let members, _) = self.open.last else { return }
        self.open[self.open.count - 1] = .object(members, key: key)
    }

    mutating func null() { self.add(.null) }
    mutating func bool(_ flag: Bool) { self.add(.bool(flag)) }
    mutating func string(_ text: String) { self.add(.string(text)) }

    mutating func integer(_ value: some BinaryInteger) {
        self.add(Int64(exactly: value).map(JSONValue.integer) ?? .number(Double(value)))
    }

    mutating func number(_ value: Double) {
        self.add(Int64(exactly: value).map(JSONValue.integer) ?? .number(value))
    }

    mutating func number(_ value: Float) {
        // As its text reads back: the Float's shortest digits, not the Double nearest to it.
        self.number(Double(value.description) ?? Double(value))
    }

    private mutating func add(_ value: JSONValue) {
        guard let container = self.open.popLast() else {
            self.result = value
            return
        }
        switch container {
        case .object(var members, let key?):
            members[key] = value
            self.open.append(.object(members, key: nil))
        case .array(var elements):
            elements.append(value)
            self.open.append(.array(elements))
        case .object:
            self.open.append(container)  // a member without a key: the encoder never writes one
        }
    }
}
