extension JSONSink {
    /// A ``JSONValue``, the members of its objects sorted by key.
    package mutating func value(_ value: JSONValue) {
        switch value {
        case .null: self.null()
        case .bool(let flag): self.bool(flag)
        case .integer(let integer): self.integer(integer)
        case .number(let number): self.number(number)
        case .string(let text): self.string(text)
        case .array(let elements):
            self.beginArray()
            for element in elements { self.value(element) }
            self.endArray()
        case .object(let members):
            self.beginObject()
            // The members sorted as pairs: sorting the keys alone would hash each one again to find its value.
            for member in members.sorted(by: { $0.key < $1.key }) {
                self.key(member.key)
                self.value(member.value)
            }
            self.endObject()
        }
    }
}
