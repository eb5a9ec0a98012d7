import Cloud
import JSONCoding
import Testing

@testable import AWS

/// The wire form of attribute values and the query cursor.
struct DynamoDBAttributeCodingTests {
    @Test func everyTypeRoundTripsWithNumbersAsExactDecimalStrings() throws {
        let item: Item = [
            "s": "héllo", "n": .number(DecimalNumber("12345678901234567890.123456789")!), "b": .binary([0, 255]),
            "t": true, "z": nil, "l": ["a", .int(1)], "m": ["k": ["deep": .int(-2)]],
            "ss": .stringSet(["b", "a"]), "ns": .numberSet([DecimalNumber("2.5")!, DecimalNumber(1)]),
        ]
        let json = DynamoDBAttributeCoding.encode(item)
        #expect(json["n"] == ["N": "12345678901234567890.123456789"])
        #expect(json["b"] == ["B": "AP8="])
        #expect(json["z"] == ["NULL": true])
        #expect(json["ss"] == ["SS": ["a", "b"]])
        #expect(json["ns"] == ["NS": ["1", "2.5"]])
        #expect(DynamoDBAttributeCoding.decodeItem(json) == item)
    }

    @Test func malformedOrForeignValuesAreNotDecoded() {
        for json: JSONValue in [
            ["N": "1.5x"], ["N": 3], ["BS": ["AA=="]], ["S": "a", "N": "1"], ["BOOL": "true"], ["NULL": false],
            ["B": "not base64"], ["NS": ["1", "x"]],
        ] {
            #expect(DynamoDBAttributeCoding.decode(json) == nil, "\(json)")
        }
    }

    @Test func aCursorCarriesTheLastKeyAndIsTakenOnlyByItsIndexAndPartition() throws {
        let key: JSONValue = ["PK": ["S": "P"], "SK": ["S": "a/b+c"]]
        let cursor = DynamoDBCursor.cursor(after: key)
        #expect(!cursor.token.contains { "+/=".contains($0) }, "the token is URL-safe")
        #expect(try DynamoDBCursor.exclusiveStartKey(in: cursor, for: ItemQuery(partition: "P")) == key)
        #expect(throws: ItemStoreError.invalidCursor) {
            try DynamoDBCursor.exclusiveStartKey(in: cursor, for: ItemQuery(partition: "OTHER"))
        }
        #expect(throws: ItemStoreError.invalidCursor) {
            try DynamoDBCursor.exclusiveStartKey(in: cursor, for: ItemQuery(index: .gsi1, partition: "P"))
        }
        let indexKey: JSONValue = ["PK": ["S": "O"], "SK": ["S": "D"], "GSI1PK": ["S": "U"], "GSI1SK": ["S": "1"]]
        let indexCursor = DynamoDBCursor.cursor(after: indexKey)
        #expect(
            try DynamoDBCursor.exclusiveStartKey(in: indexCursor, for: ItemQuery(index: .gsi1, partition: "U"))
                == indexKey)
        let extraAttribute = DynamoDBCursor.cursor(after: ["PK": ["S": "P"], "SK": ["S": "a"], "x": ["S": "y"]])
        #expect(throws: ItemStoreError.invalidCursor) {
            try DynamoDBCursor.exclusiveStartKey(in: extraAttribute, for: ItemQuery(partition: "P"))
        }
    }
}
