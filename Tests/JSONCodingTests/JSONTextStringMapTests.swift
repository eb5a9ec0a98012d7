import PropertyBased
import Testing

@testable import JSONCoding

/// An object of plain strings (a request's headers) is kept as its text, and a lookup reads the value from the text;
/// any other object of strings is decoded. Both give the members the object was written from.
@Suite struct JSONTextStringMapTests {
    /// The string map of the member `map` of the object `json`, and whether the whole object read as asked.
    static func read(_ json: String) -> (map: JSONStringMap?, finished: Bool) {
        var reader = JSONReader(bytes: Array(json.utf8))
        var map: JSONStringMap?
        reader.members { reader, key in
            if case "map" = key { map = reader.stringMapKeepingText() } else { _ = reader.value() }
        }
        return (map, reader.finish())
    }

    @Test func plainStringsAreKeptAsTextAndLookedUpInIt() throws {
        let (map, finished) = Self.read(#"{"map": { "accept" : "*/*", "x-id":"1", "x-ids": "", "x-id": "2" }, "n": 1}"#)
        #expect(finished, "the members after the map are read from where it ended")
        guard case .text(let text) = try #require(map) else {
            Issue.record("plain strings were decoded: \(String(describing: map))")
            return
        }
        #expect(text.value(forKey: "accept") == "*/*")
        #expect(text.value(forKey: "x-id") == "2", "a repeated key has its last value")
        #expect(text.value(forKey: "x-ids") == "")
        #expect(text.value(forKey: "Accept") == nil, "keys are compared byte for byte")
        #expect(text.value(forKey: "x-i") == nil)
        #expect(text.dictionary == ["accept": "*/*", "x-id": "2", "x-ids": ""])
        #expect(!text.isEmpty)
    }

    @Test func anEmptyObjectIsKeptAsTextAndNullIsAbsent() throws {
        let empty = Self.read(#"{"map": {}}"#)
        #expect(empty.finished)
        #expect(try #require(empty.map).isEmpty)
        guard case .text = empty.map else {
            Issue.record("an empty object was decoded")
            return
        }
        let null = Self.read(#"{"map": null}"#)
        #expect(null.finished)
        #expect(null.map == nil)
    }

    @Test func escapedOrNonASCIIStringsAreDecoded() throws {
        for json in [#"{"map": {"a": "x\"y", "b": "é"}}"#, #"{"map": {"a": "x\"y", "\u0062": "é"}}"#] {
            let (map, finished) = Self.read(json)
            #expect(finished)
            guard case .dictionary(let dictionary) = try #require(map) else {
                Issue.record("escaped or non-ASCII strings were kept as text: \(json)")
                continue
            }
            #expect(dictionary == ["a": #"x"y"#, "b": "é"])
            #expect(map?.value(forKey: "b") == "é")
        }
    }

    @Test func anythingButAnObjectOfStringsFailsTheReader() {
        for json in [
            #"{"map": {"a": 1}}"#, #"{"map": ["a"]}"#, #"{"map": "a"}"#, #"{"map": {"a": "b",}}"#,
            #"{"map": {"a" "b"}}"#, #"{"map": {"a": "b""#, #"{"map": {"a": null}}"#,
        ] {
            let (map, finished) = Self.read(json)
            #expect(map == nil, "\(json)")
            #expect(!finished, "\(json)")
        }
    }

    @Test func anObjectOfStringsReadsAsTheMapItWasWrittenFrom() async {
        let maps = Generator<[String: String], Shrink.None<[String: String]>> { rng in
            var map: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...6, using: &rng) {
                // Mostly the plain strings of headers, now and then any text.
                let plain = Bool.random(using: &rng)
                func text() -> String {
                    plain
                        ? String(
                            (0..<Int.random(in: 0...20, using: &rng)).map { _ in
                                "ab-*/ 09;=".randomElement(using: &rng)!
                            })
                        : JSONGenerators.text(using: &rng)
                }
                map[text()] = text()
            }
            return map
        }
        await propertyCheck(count: 300, input: maps) { map in
            var writer = JSONWriter(capacity: 256)
            writer.beginObject()
            writer.key("map")
            writer.beginObject()
            for (key, value) in map {
                writer.key(key)
                writer.string(value)
            }
            writer.endObject()
            writer.endObject()
            let (read, finished) = Self.read(String(decoding: writer.bytes, as: UTF8.self))
            #expect(finished)
            #expect(read?.dictionary == map)
            for (key, value) in map { #expect(read?.value(forKey: key) == value) }
        }
    }
}
