import Foundation
import JSONCoding
import PropertyBased
import Testing

/// `JSONValue(encoding:)` builds the tree straight from the encoding: the same value as writing the JSON text and
/// reading it back, which is what it replaced.
@Suite struct JSONValueEncodingTests {
    @Test func aTypedValueBecomesWhatItsJSONTextReadsAs() throws {
        let sample = StreamingJSONEncoderTests.sample
        let text = try StreamingJSONEncoder().encode(sample)
        #expect(try JSONValue(encoding: sample) == JSONValue(parsing: text))
        #expect(try JSONValue(encoding: sample)["checks"] == ["auth": "degraded", "bus": "ok", "store": "ok"])
        #expect(try JSONValue(encoding: sample)["whole"] == .integer(3), "a whole Double reads as an integer")
    }

    @Test func generatedValuesAreBuiltAsTheirTextReads() async throws {
        await propertyCheck(count: 500, input: JSONGenerators.value) { value in
            let built = try JSONValue(encoding: value)
            #expect(built == value.normalized)
            #expect(built == JSONValue(parsing: try StreamingJSONEncoder().encode(value)))
        }
    }

    @Test func everyWidthIsBuiltAsItsTextReads() async throws {
        await propertyCheck(count: 300, input: JSONGenerators.uint64, JSONGenerators.float, JSONGenerators.double) {
            bits, float, double in
            let value = StreamingJSONEncoderTests.Widths(
                a: .init(truncatingIfNeeded: bits), b: .init(truncatingIfNeeded: bits),
                c: .init(truncatingIfNeeded: bits),
                d: .init(truncatingIfNeeded: bits), e: .init(truncatingIfNeeded: bits),
                f: .init(truncatingIfNeeded: bits),
                g: .init(truncatingIfNeeded: bits), h: bits, i: float, j: double, k: [.min, -1, .max]
            )
            let built = try JSONValue(encoding: value)
            #expect(built == JSONValue(parsing: try StreamingJSONEncoder().encode(value)))
        }
    }

    @Test func valuesBuiltAsATreeAndNonFiniteNumbers() throws {
        let handWritten = StreamingJSONEncoderTests.HandWritten(when: Date(timeIntervalSinceReferenceDate: 10))
        #expect(try JSONValue(encoding: handWritten) == ["when": ["when": 10]])
        #expect(throws: EncodingError.self) { try JSONValue(encoding: ["ratio": Double.infinity]) }
        #expect(throws: EncodingError.self) { try JSONValue(encoding: Float.nan) }
    }
}
