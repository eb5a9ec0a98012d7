/// What the streaming encoder writes a value into: JSON text (``JSONWriter``) or a ``JSONValue`` tree
/// (``JSONValueBuilder``). A caller opens containers, names each member with ``key(_:)`` before its value, and closes
/// what it opened. A ``JSONValue`` is written through the same calls (``value(_:)``), so each sink takes it as it
/// takes any other value.
package protocol JSONSink {
    mutating func beginObject()
    mutating func endObject()
    mutating func beginArray()
    mutating func endArray()
    mutating func key(_ key: String)
    mutating func null()
    mutating func bool(_ flag: Bool)
    mutating func integer(_ value: some BinaryInteger)
    mutating func number(_ value: Double)
    mutating func number(_ value: Float)
    mutating func string(_ text: String)
}

extension JSONWriter: JSONSink {}
