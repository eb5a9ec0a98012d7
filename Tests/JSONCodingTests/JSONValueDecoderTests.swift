import Foundation
import JSONCoding
import PropertyBased
import Testing

/// The decoder against Foundation's `JSONDecoder`, which it replaces in the Lambda binary: the same values and the same
/// errors at the same coding paths.
@Suite struct JSONValueDecoderTests {
    struct Order: Codable, Equatable {
        struct Item: Codable, Equatable {
            var sku: String
            var quantity: Int
            var unitPrice: Int64
        }

        var orderId: String
        var items: [Item]
        var note: String?
        var express: Bool
        var weight: Double
        var tags: [String: Int]
        var ratio: Float?
        var small: UInt8?
    }

    static let orderText = #"""
        {"orderId":"o-1","items":[{"sku":"A-1","quantity":2,"unitPrice":1999},{"sku":"B","quantity":1,"unitPrice":5}],
         "note":null,"express":true,"weight":1.5e0,"tags":{"b":2,"a":1},"ratio":0.25,"small":255,"ignored":[1,{"x":[]}]}
        """#

    @Test func decodesWhatFoundationDecodes() throws {
        let ours = try JSONValueDecoder().decode(Order.self, from: Self.orderText.utf8)
        let foundations = try JSONDecoder().decode(Order.self, from: Data(Self.orderText.utf8))
        #expect(ours == foundations)
        #expect(ours.items[1].sku == "B" && ours.note == nil && ours.tags == ["a": 1, "b": 2])
    }

    @Test func reportsTheErrorsFoundationReportsAtTheSamePaths() throws {
        let cases = [
            #"{"orderId":"o-1","items":[{"sku":"A","unitPrice":1}],"express":true,"weight":1,"tags":{}}"#,
            #"{"orderId":"o-1","items":[{"sku":"A","quantity":"2","unitPrice":1}],"express":true,"weight":1,"tags":{}}"#,
            #"{"orderId":null,"items":[],"express":true,"weight":1,"tags":{}}"#,
            #"{"orderId":"o","items":{},"express":true,"weight":1,"tags":{}}"#,
            #"{"orderId":"o","items":[],"express":true,"weight":1,"tags":{"a":null}}"#,
            #"{"orderId":"o","items":[],"express":true"#,
            #"[]"#,
        ]
        for text in cases {
            let ours = Self.describe { try JSONValueDecoder().decode(Order.self, from: text.utf8) }
            let foundations = Self.describe { try JSONDecoder().decode(Order.self, from: Data(text.utf8)) }
            #expect(ours == foundations, "\(text)")
        }
    }

    /// Foundation reports a number that does not fit its type with an empty coding path, which a client reads as a body
    /// that is not JSON; this decoder names the member, so the router answers 422 for that field.
    @Test(arguments: ["256", "1.5", "-1"])
    func aNumberThatDoesNotFitIsCorruptAtItsMember(_ small: String) {
        let text = #"{"orderId":"o","items":[],"express":true,"weight":1,"tags":{},"small":\#(small)}"#
        #expect(
            Self.describe { try JSONValueDecoder().decode(Order.self, from: text.utf8) } == "dataCorrupted at small")
        #expect(Self.describe { try JSONDecoder().decode(Order.self, from: Data(text.utf8)) } == "dataCorrupted at ")
    }

    @Test func generatedValuesDecodeAsFoundationDecodesThem() async {
        await propertyCheck(count: 200, input: JSONGenerators.value) { value in
            let text = try StreamingJSONEncoder().encode(value)
            let ours = try JSONValueDecoder().decode(JSONValue.self, from: text)
            let foundations = try JSONDecoder().decode(JSONValue.self, from: Data(text))
            #expect(ours.isSameJSON(as: foundations))
        }
    }

    @Test func superDecodersAndNestedContainersReadTheirMembers() throws {
        struct Wrapped: Decodable, Equatable {
            var inner: Int
            var list: [Int]
            var parent: String
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: Keys.self)
                let nested = try container.nestedContainer(keyedBy: Keys.self, forKey: .outer)
                self.inner = try nested.decode(Int.self, forKey: .inner)
                var elements = try container.nestedUnkeyedContainer(forKey: .list)
                var list: [Int] = []
                while !elements.isAtEnd { list.append(try elements.decode(Int.self)) }
                self.list = list
                self.parent = try String(from: container.superDecoder())
            }
            enum Keys: String, CodingKey { case outer, inner, list }
        }
        let text = #"{"outer":{"inner":7},"list":[1,2,3],"super":"base"}"#
        let decoded = try JSONValueDecoder().decode(Wrapped.self, from: text.utf8)
        #expect(decoded == (try JSONDecoder().decode(Wrapped.self, from: Data(text.utf8))))
        #expect(decoded.inner == 7 && decoded.list == [1, 2, 3] && decoded.parent == "base")
    }

    /// A `JSONValue` inside a decoded type is the parsed value itself, each member and element of its kind, whether
    /// the decoder hands it over as it is or another decoder's tries find it.
    @Test func aJSONValueMemberIsTheParsedValue() throws {
        struct Envelope: Decodable {
            var detail: JSONValue
            var list: [JSONValue]
        }
        let text = #"{"detail":{"total":1.5,"count":2,"name":"a","flag":false,"none":null},"list":[2.5,"b",[],{}]}"#
        let tree = try #require(JSONValue(parsing: Array(text.utf8)))
        let expectedList: [JSONValue] = [.number(2.5), .string("b"), .array([]), .object([:])]
        let ours = try JSONValueDecoder().decode(Envelope.self, from: text.utf8)
        let foundations = try JSONDecoder().decode(Envelope.self, from: Data(text.utf8))
        for envelope in [ours, foundations] {
            #expect(envelope.detail == tree["detail"])
            #expect(envelope.detail["total"] == .number(1.5))
            #expect(envelope.detail["count"] == .integer(2))
            #expect(envelope.detail["none"] == .null)
            #expect(envelope.list == expectedList)
        }
        // A tree handed to the decoder keeps each value's kind: a whole number held as a number stays one (tried as
        // an integer first, it would come back as the integer 2).
        let handed: JSONValue = .object(["detail": .object(["total": .number(2.0)]), "list": .array([.number(3.0)])])
        let decoded = try JSONValueDecoder().decode(Envelope.self, from: handed)
        #expect(decoded.detail["total"] == .number(2.0))
        #expect(decoded.list == [.number(3.0)])
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: DecodingError.self) { try JSONValueDecoder().decode(JSONValue.self, from: deep.utf8) }
    }

    /// The error's case, type and coding path, as a client of either decoder would read them.
    static func describe(_ decode: () throws -> some Any) -> String {
        do {
            _ = try decode()
            return "decoded"
        } catch let error as DecodingError {
            switch error {
            case .keyNotFound(let key, let context): return "keyNotFound \(key.stringValue) at \(path(context))"
            case .valueNotFound(_, let context): return "valueNotFound at \(path(context))"
            case .typeMismatch(_, let context): return "typeMismatch at \(path(context))"
            case .dataCorrupted(let context): return "dataCorrupted at \(path(context))"
            @unknown default: return "unknown"
            }
        } catch {
            return "other \(error)"
        }
    }

    static func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
}
