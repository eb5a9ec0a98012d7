/// Values written without an `Encoder`: the other integer and floating-point types (whose `encode(to:)` would ask
/// for this encoder again), dictionaries with string keys (written sorted: hash order differs from run to run) and
/// ``JSONValue``.
protocol DirectlyWritable {
    func write<Sink: JSONSink>(into output: JSONOutput<Sink>, codingPath: [any CodingKey]) throws
}

extension Dictionary: DirectlyWritable where Key == String, Value: Encodable {
    func write<Sink: JSONSink>(into output: JSONOutput<Sink>, codingPath: [any CodingKey]) throws {
        output.sink.beginObject()
        for key in self.keys.sorted() {
            output.sink.key(key)
            try output.write(self[key]!, codingPath: codingPath)
        }
        output.sink.endObject()
    }
}

extension JSONValue: DirectlyWritable {
    func write<Sink: JSONSink>(into output: JSONOutput<Sink>, codingPath: [any CodingKey]) throws {
        output.sink.value(self)
    }
}

extension Float: DirectlyWritable {
    func write<Sink: JSONSink>(into output: JSONOutput<Sink>, codingPath: [any CodingKey]) throws {
        try output.writeFinite(self, codingPath: codingPath)
    }
}

/// The integer types besides `Int` and `Int64` (which ``JSONOutput/write(_:codingPath:)`` tells apart first).
protocol DirectlyWritableInteger: DirectlyWritable, BinaryInteger {}

extension DirectlyWritableInteger {
    func write<Sink: JSONSink>(into output: JSONOutput<Sink>, codingPath: [any CodingKey]) throws {
        output.sink.integer(self)
    }
}

extension Int8: DirectlyWritableInteger {}
extension Int16: DirectlyWritableInteger {}
extension Int32: DirectlyWritableInteger {}
extension UInt: DirectlyWritableInteger {}
extension UInt8: DirectlyWritableInteger {}
extension UInt16: DirectlyWritableInteger {}
extension UInt32: DirectlyWritableInteger {}
extension UInt64: DirectlyWritableInteger {}
