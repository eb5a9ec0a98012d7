import Cloud
import JSONCoding
import LambdaRuntime

/// The event as EventBridge hands it to rules and targets: `version`, `id`, `detail-type`, `source`, `account`,
/// `time`, `region`, `resources` and `detail`, plus `replay-name` on replayed events.
struct EventEnvelope: Sendable {
    /// The event, as JSON: what patterns and input paths read.
    var json: JSONValue
    /// The event time in milliseconds: the entry's time, or when it was put.
    let timeMilliseconds: Int64
    /// The event's text when it is known exactly: with the detail as its sender wrote it (whitespace aside), or as
    /// it was archived. Numbers reach targets with every digit sent, as EventBridge passes them on, where writing
    /// ``json`` again would round those a `Double` cannot hold. `nil` once a change made it stale.
    private var exactText: String?

    /// The envelope of the accepted `entry`, whose detail is `detail`, put at `ingestedMilliseconds`.
    init(entry: PutEventsEntry, detail: JSONValue, id: String, ingestedMilliseconds: Int64, region: String) {
        self.timeMilliseconds = entry.timeMilliseconds ?? ingestedMilliseconds
        var members: [String: JSONValue] = [
            "version": "0",
            "id": .string(id),
            "detail-type": .string(entry.detailType),
            "source": .string(entry.source),
            "account": .string(LocalAccount.id),
            "time": .string(Self.eventTime(self.timeMilliseconds)),
            "region": .string(region),
            "resources": .array(entry.resources.map(JSONValue.string)),
        ]
        var writer = JSONWriter(capacity: entry.detail.utf8.count + 256)
        writer.beginObject()
        for key in (Array(members.keys) + ["detail"]).sorted() {
            writer.key(key)
            if let value = members[key] { writer.value(value) } else { writer.raw(CompactJSONText.of(entry.detail)) }
        }
        writer.endObject()
        members["detail"] = detail
        self.json = .object(members)
        self.exactText = String(decoding: writer.bytes, as: UTF8.self)
    }

    /// An envelope kept in an archive, read back from its text.
    init?(archivedText: String, timeMilliseconds: Int64) {
        guard let json = JSONValue(parsing: Array(archivedText.utf8), maximumDepth: 1000) else { return nil }
        self.json = json
        self.timeMilliseconds = timeMilliseconds
        self.exactText = archivedText
    }

    /// The event's id.
    var id: String { self.json["id"]?.stringValue ?? "" }

    /// The event as JSON text: exactly as sent when known, else ``json`` written with its members sorted by key.
    var text: String { self.exactText ?? Self.text(of: self.json) }

    /// The same event as this bus accepts it: in the local account and the bus's `region`, whatever its writer put
    /// there, as EventBridge sets both on every event it accepts.
    func accepted(in region: String) -> EventEnvelope {
        var copy = self
        if case .object(var members) = copy.json {
            members["account"] = .string(LocalAccount.id)
            members["region"] = .string(region)
            copy.json = .object(members)
            copy.exactText = nil
        }
        return copy
    }

    /// The same event marked as sent again by the replay `name`: `replay-name` goes first in its exact text.
    func replayed(as name: String) -> EventEnvelope {
        var copy = self
        if case .object(var members) = copy.json {
            members["replay-name"] = .string(name)
            copy.json = .object(members)
            copy.exactText = self.exactText.map { exact in
                "{\"replay-name\":" + JSONWriter.quoted(name) + "," + exact.dropFirst()
            }
        }
        return copy
    }

    /// `value` as compact JSON text.
    static func text(of value: JSONValue) -> String {
        var writer = JSONWriter()
        writer.value(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// EventBridge's `time`: ISO 8601 in UTC to the second, e.g. `2026-12-02T14:51:36Z`.
    static func eventTime(_ milliseconds: Int64) -> String {
        String(WallClock.iso8601(milliseconds: milliseconds).prefix(19)) + "Z"
    }
}
