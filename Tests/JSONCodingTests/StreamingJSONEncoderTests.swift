import Foundation
import JSONCoding
import PropertyBased
import Testing

@Suite struct StreamingJSONEncoderTests {
    enum Status: String, Codable {
        case pending = "PENDING"
        case shipped
    }

    struct Line: Codable, Equatable {
        var sku: String
        var quantity: Int
        var note: String?
    }

    struct Sample: Codable, Equatable {
        var id: String, count: Int, big: Int64, ratio: Double, whole: Double, flag: Bool, status: Status
        var lines: [Line], tags: [String], checks: [String: String], nested: [String: [Int]]
        var missing: String?, present: String?, anything: JSONValue, empty: [Line]
    }

    static let sample = Sample(
        id: "quote \" backslash \\ slash / newline \n tab \t bell \u{07} é 😀", count: -42, big: Int64.max, ratio: 0.25,
        whole: 3, flag: true, status: .pending,
        lines: [Line(sku: "A-1", quantity: 2, note: nil), Line(sku: "B-2", quantity: 1, note: "gift")],
        tags: ["a", "b"], checks: ["store": "ok", "bus": "ok", "auth": "degraded"], nested: ["z": [1, 2], "a": []],
        missing: nil, present: "here",
        anything: .object(["n": .integer(1), "list": .array([.bool(false), .null, .string("x"), .number(1.5)])]),
        empty: []
    )

    @Test func itWritesWhatFoundationWritesInDeclarationOrderWithDictionariesSorted() throws {
        let streamed = try StreamingJSONEncoder().encode(Self.sample)
        let foundation = try JSONEncoder().encode(Self.sample)
        let parsedStreamed = try JSONDecoder().decode(JSONValue.self, from: Data(streamed))
        let parsedFoundation = try JSONDecoder().decode(JSONValue.self, from: foundation)
        #expect(parsedStreamed == parsedFoundation)
        #expect(try JSONDecoder().decode(Sample.self, from: Data(streamed)) == Self.sample)
        let text = String(decoding: streamed, as: UTF8.self)
        #expect(
            text.hasPrefix(#"{"id":"quote \" backslash \\ slash / newline \n tab \t bell \u0007 é 😀","count":-42,"#))
        #expect(text.contains(#""checks":{"auth":"degraded","bus":"ok","store":"ok"}"#))
        #expect(text.contains(#""whole":3,"#))
        #expect(!text.contains("missing"), "an absent optional is left out, as Foundation does")
        #expect(try StreamingJSONEncoder().encode(Self.sample) == streamed, "the same value gives the same bytes")
    }

    @Test func topLevelScalarsArraysAndEmptyValues() throws {
        #expect(String(decoding: try StreamingJSONEncoder().encode("text"), as: UTF8.self) == #""text""#)
        #expect(String(decoding: try StreamingJSONEncoder().encode([1, 2, 3]), as: UTF8.self) == "[1,2,3]")
        #expect(
            String(decoding: try StreamingJSONEncoder().encode([0, -7, Int.max, Int.min]), as: UTF8.self)
                == "[0,-7,\(Int.max),\(Int.min)]")
        #expect(String(decoding: try StreamingJSONEncoder().encode([String: Int]()), as: UTF8.self) == "{}")
        #expect(String(decoding: try StreamingJSONEncoder().encode(Optional<Int>.none), as: UTF8.self) == "null")
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode(Double.nan) }
        #expect(throws: EncodingError.self) { try StreamingJSONEncoder().encode([Float.infinity]) }
    }

    /// Members declared in key order, so that Foundation's sorted output is the declaration order.
    struct Widths: Codable, Equatable {
        var a: Int8, b: Int16, c: Int32, d: UInt
        var e: UInt8, f: UInt16, g: UInt32, h: UInt64
        var i: Float, j: Double, k: [Int64]
    }

    @Test func everyIntegerWidthAndFloatIsWrittenAsJSONEncoderWritesIt() async throws {
        let foundation = JSONEncoder()
        foundation.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        await propertyCheck(
            count: 500, input: JSONGenerators.uint64, JSONGenerators.float, JSONGenerators.double, JSONGenerators.int64
        ) {
            bits, float, double, signed in
            let value = Widths(
                a: .init(truncatingIfNeeded: bits), b: .init(truncatingIfNeeded: bits),
                c: .init(truncatingIfNeeded: bits),
                d: .init(truncatingIfNeeded: bits), e: .init(truncatingIfNeeded: bits),
                f: .init(truncatingIfNeeded: bits),
                g: .init(truncatingIfNeeded: bits), h: bits, i: float, j: double, k: [signed, .min, .max]
            )
            let streamed = try StreamingJSONEncoder().encode(value)
            #expect(streamed == Array(try foundation.encode(value)))
            #expect(try JSONDecoder().decode(Widths.self, from: Data(streamed)) == value)
        }
    }

    struct HandWritten: Encodable {
        var when: Date
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            var inner = container.nestedContainer(keyedBy: CodingKeys.self, forKey: .when)
            try inner.encode(self.when, forKey: .when)
        }
        enum CodingKeys: String, CodingKey { case when }
    }

    @Test func valuesItCannotStreamAreBuiltAsATree() throws {
        let value = HandWritten(when: Date(timeIntervalSinceReferenceDate: 10))
        let streamed = try StreamingJSONEncoder().encode(value)
        #expect(String(decoding: streamed, as: UTF8.self) == #"{"when":{"when":10}}"#)
        #expect(
            String(
                decoding: try StreamingJSONEncoder().encode(["at": Date(timeIntervalSinceReferenceDate: 1)]),
                as: UTF8.self)
                == #"{"at":1}"#)
    }

    /// Containers opened by hand in any order, and a superclass's encoder, land where Foundation puts them.
    @Test func superEncodersAndUnkeyedNestingAreBuiltAsFoundationBuildsThem() throws {
        struct Shapes: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: Keys.self)
                var list = container.nestedUnkeyedContainer(forKey: .list)
                try list.encode(1)
                var pair = list.nestedContainer(keyedBy: Keys.self)
                try pair.encode("x", forKey: .name)
                try list.encodeNil()
                try "base".encode(to: container.superEncoder())
                try container.encode("late", forKey: .name)
            }
            enum Keys: String, CodingKey { case list, name }
        }
        let ours = try StreamingJSONEncoder().encode(Shapes())
        let foundation = JSONEncoder()
        foundation.outputFormatting = .sortedKeys
        #expect(
            String(decoding: ours, as: UTF8.self) == String(decoding: try foundation.encode(Shapes()), as: UTF8.self))
        #expect(
            String(decoding: ours, as: UTF8.self) == #"{"list":[1,{"name":"x"},null],"name":"late","super":"base"}"#)
    }
}
