import Foundation
import JSONCoding
import PropertyBased
import Testing

/// The writer and the parser against Foundation, on generated values: what we write, Foundation reads back as the
/// same value (numbers byte for byte as `JSONEncoder` prints them), and what Foundation writes, we read back as the
/// same value.
@Suite struct JSONWriterFoundationTests {
    @Test func doublesAreWrittenAsJSONEncoderWritesThem() async throws {
        await propertyCheck(count: 2_000, input: JSONGenerators.double) { number in
            let foundation = try JSONEncoder().encode(number)
            let serialized = try JSONSerialization.data(withJSONObject: number, options: .fragmentsAllowed)
            #expect(Self.written { $0.number(number) } == Array(foundation), "\(number)")
            #expect(Self.written { $0.number(number) } == Array(serialized))
        }
    }

    @Test func floatsAreWrittenAsJSONEncoderWritesThem() async throws {
        await propertyCheck(count: 1_000, input: JSONGenerators.float) { number in
            let foundation = try JSONEncoder().encode(number)
            #expect(Self.written { $0.number(number) } == Array(foundation), "\(number)")
        }
    }

    @Test func integersAreWrittenAsJSONEncoderWritesThem() async throws {
        await propertyCheck(count: 1_000, input: JSONGenerators.int64, JSONGenerators.uint64) { signed, unsigned in
            let small = Int8(truncatingIfNeeded: signed)
            let foundation = try (
                JSONEncoder().encode(signed), JSONEncoder().encode(unsigned), JSONEncoder().encode(small)
            )
            #expect(Self.written { $0.integer(signed) } == Array(foundation.0))
            #expect(Self.written { $0.integer(unsigned) } == Array(foundation.1))
            #expect(Self.written { $0.integer(small) } == Array(foundation.2))
        }
        #expect(Self.text { $0.integer(Int128(UInt64.max) * 4) } == "73786976294838206460", "wider than 64 bits")
    }

    @Test func nonFiniteNumbersAreWrittenAsNull() throws {
        for number in [Double.nan, .infinity, -.infinity, .signalingNaN] {
            #expect(Self.text { $0.number(number) } == "null")
            #expect(throws: EncodingError.self) { try JSONEncoder().encode(number) }
        }
        #expect(Self.text { $0.number(Float.infinity) } == "null")
        let array = Self.written { writer in
            writer.beginArray()
            writer.number(Double.nan)
            writer.number(-Double.infinity)
            writer.endArray()
        }
        #expect(try JSONSerialization.jsonObject(with: Data(array)) as? [NSNull] == [NSNull(), NSNull()])
    }

    @Test func stringsRoundTripThroughFoundation() async throws {
        await propertyCheck(count: 2_000, input: JSONGenerators.string) { text in
            let ours = Self.written { $0.string(text) }
            let readByFoundation = try JSONSerialization.jsonObject(with: Data(ours), options: .fragmentsAllowed)
            let decodedByFoundation = try JSONDecoder().decode(String.self, from: Data(ours))
            // JSONSerialization's strings may lose a U+FEFF (byte order mark) in them; JSONDecoder's keep it.
            if !text.unicodeScalars.contains("\u{FEFF}") { #expect(readByFoundation as? String == text) }
            #expect(decodedByFoundation == text)
            #expect(!ours.dropFirst().dropLast().contains { $0 < 0x20 }, "no control character is written raw")
            let serialized = try JSONSerialization.data(withJSONObject: text, options: .fragmentsAllowed)
            let encoded = try JSONEncoder().encode(text)
            #expect(JSONValue(parsing: Array(serialized)) == .string(text))
            #expect(JSONValue(parsing: Array(encoded)) == .string(text))
        }
    }

    @Test func everyControlCharacterIsEscapedAsFoundationReadsIt() throws {
        let text = String(String.UnicodeScalarView((0..<0x20).map { Unicode.Scalar(UInt8($0)) })) + "\"\\/\u{7F}"
        #expect(
            Self.text { $0.string(text) }
                == #""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\"\\/"#
                + "\u{7F}\"")
        #expect(try JSONDecoder().decode(String.self, from: Data(Self.written { $0.string(text) })) == text)
    }

    @Test func nestedValuesRoundTripThroughFoundation() async throws {
        await propertyCheck(count: 500, input: JSONGenerators.value) { value in
            let ours = Self.written { $0.value(value) }
            _ = try JSONSerialization.jsonObject(with: Data(ours), options: .fragmentsAllowed)
            let decodedByFoundation = try JSONDecoder().decode(JSONValue.self, from: Data(ours))
            let encodedByFoundation = try JSONEncoder().encode(value)
            let streamed = try StreamingJSONEncoder().encode(value)
            #expect(decodedByFoundation.isSameJSON(as: value))
            #expect(JSONValue(parsing: ours) == value.normalized, "we read what we write")
            #expect(JSONValue(parsing: Array(encodedByFoundation)) == value.normalized)
            #expect(streamed == ours, "the encoder writes a JSONValue as the writer does")
        }
    }

    @Test func objectMembersAreWrittenSortedByKey() {
        let value: JSONValue = ["b": 1, "a": ["d": true, "c": nil], "é": "x", "A": .number(2.5)]
        #expect(Self.text { $0.value(value) } == #"{"A":2.5,"a":{"c":null,"d":true},"b":1,"é":"x"}"#)
    }

    @Test func theWriterPutsTheSeparators() {
        let text = Self.text { writer in
            writer.beginObject()
            writer.key("list")
            writer.beginArray()
            writer.integer(1)
            writer.beginObject()
            writer.endObject()
            writer.beginArray()
            writer.endArray()
            writer.raw("true")
            writer.endArray()
            writer.key("next")
            writer.null()
            writer.endObject()
        }
        #expect(text == #"{"list":[1,{},[],true],"next":null}"#)
    }

    private static func written(_ write: (inout JSONWriter) -> Void) -> [UInt8] {
        var writer = JSONWriter()
        write(&writer)
        return writer.bytes
    }

    private static func text(_ write: (inout JSONWriter) -> Void) -> String {
        String(decoding: Self.written(write), as: UTF8.self)
    }
}
