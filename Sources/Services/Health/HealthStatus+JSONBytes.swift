import Middleware

// Written member by member, as the synthesised `Encodable` conformance writes it through StreamingJSONEncoder
// (declaration order, check names sorted): `/health` answers on every call, and the generic encoder's keyed containers
// and dynamic dispatch cost more than the rest of the answer.

extension HealthStatus: JSONBytesEncodable {
    /// The status as compact JSON text: `status`, `version`, `coldStart`, then `checks` by name.
    package var jsonBytes: [UInt8] {
        var writer = JSONWriter(capacity: 96 + self.version.utf8.count)
        writer.beginObject()
        writer.member("status", self.status)
        writer.member("version", self.version)
        writer.member("coldStart", self.coldStart)
        writer.key("checks")
        writer.beginObject()
        for (name, state) in self.checks.sorted(by: { $0.key < $1.key }) {
            writer.key(name)
            writer.string(state)
        }
        writer.endObject()
        writer.endObject()
        return writer.bytes
    }
}
