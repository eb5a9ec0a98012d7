import Cloud
import JSONCoding
import Testing

@testable import AWS

/// The expression compilers: every name and value is a placeholder, paths keep their structure, and the expiry guard
/// is compiled around a condition the way an expired item must be treated (as no item).
struct DynamoDBExpressionTests {
    @Test func namesAndValuesAreOnlyEverPlaceholders() throws {
        var attributes = DynamoDBExpressionAttributes()
        // `status` and `size` are DynamoDB reserved words; the value looks like expression syntax.
        let condition: Condition =
            .equal("status", "x) OR (attribute_exists(PK)") && .compare("size", .greater, .int(3))
        let text = try attributes.condition(condition)
        #expect(text == "(#n0 = :v0) AND (#n1 > :v1)")
        #expect(attributes.names == ["#n0": "status", "#n1": "size"])
        #expect(attributes.values == [":v0": ["S": "x) OR (attribute_exists(PK)"], ":v1": ["N": "3"]])
    }

    @Test func nestedPathsAndListIndexesKeepTheirShapeWithOnePlaceholderPerName() throws {
        var attributes = DynamoDBExpressionAttributes()
        let path = AttributePath("order.items").key("lines").index(2).key("order.items")
        #expect(attributes.path(path) == "#n0.#n1[2].#n0")
        #expect(attributes.names == ["#n0": "order.items", "#n1": "lines"])
    }

    @Test func everyConditionFormCompiles() throws {
        var attributes = DynamoDBExpressionAttributes()
        let condition: Condition =
            !.attributeExists("a") || .between(.path("n"), low: .value(.int(1)), high: .value(.int(9)))
            || .beginsWith("s", "pre") || .isIn(.path("s"), [.value("x"), .value("y")])
        #expect(
            try attributes.condition(condition)
                == "(((NOT (attribute_exists(#n0))) OR (#n1 BETWEEN :v0 AND :v1)) OR (begins_with(#n2, :v2)))"
                + " OR (#n2 IN (:v3, :v4))")
    }

    @Test func anInWithoutCandidatesIsAValidationError() {
        var attributes = DynamoDBExpressionAttributes()
        #expect(throws: ItemStoreError.self) { try attributes.condition(.isIn(.path("s"), [])) }
    }

    @Test func updatesCompileEveryClauseAndFunction() {
        var attributes = DynamoDBExpressionAttributes()
        let update = ItemUpdate()
            .set("count", .sum(.path("count"), .value(.int(1))))
            .set(AttributePath("log").index(0), .listAppend(.path("log"), .value(["x"])))
            .set("created", .ifNotExists("created", "now"))
            .set("left", .difference(.value(.int(10)), .path("count")))
            .remove(AttributePath("profile").key("phone"))
            .add("tags", .stringSet(["a"]))
            .delete("old", elements: .stringSet(["b"]))
        #expect(
            attributes.update(update)
                == "SET #n0 = #n0 + :v0, #n1[0] = list_append(#n1, :v1), #n2 = if_not_exists(#n2, :v2),"
                + " #n3 = :v3 - #n0 REMOVE #n4.#n5 ADD #n6 :v4 DELETE #n7 :v5")
        #expect(attributes.values[":v1"] == ["L": [["S": "x"]]])
    }

    @Test func keyConditionsNameTheQueriedIndexesKeys() {
        var table = DynamoDBExpressionAttributes()
        #expect(table.keyCondition(of: ItemQuery(partition: "P")) == "#n0 = :v0")
        #expect(table.names == ["#n0": "PK"])
        var index = DynamoDBExpressionAttributes()
        let query = ItemQuery(index: .gsi1, partition: "U", sortKey: .between("A", "B"))
        #expect(index.keyCondition(of: query) == "#n0 = :v0 AND #n1 BETWEEN :v1 AND :v2")
        #expect(index.names == ["#n0": "GSI1PK", "#n1": "GSI1SK"])
        var prefix = DynamoDBExpressionAttributes()
        #expect(
            prefix.keyCondition(of: ItemQuery(partition: "P", sortKey: .beginsWith("ORDER#")))
                == "#n0 = :v0 AND begins_with(#n1, :v1)")
    }

    @Test func anExpiredItemCountsAsNoItemInCompiledConditions() throws {
        let expiry = DynamoDBExpiry(nowSeconds: 1_000)
        var holdsOnNothing = DynamoDBExpressionAttributes()
        #expect(
            try expiry.replacingCondition(.attributeNotExists("PK"), in: &holdsOnNothing)
                == "(attribute_not_exists(#n0)) OR (#n1 <= :v0)")
        #expect(holdsOnNothing.names["#n1"] == "expiresAt")
        #expect(holdsOnNothing.values[":v0"] == ["N": "1000"])
        var failsOnNothing = DynamoDBExpressionAttributes()
        #expect(
            try expiry.replacingCondition(.attributeExists("PK"), in: &failsOnNothing)
                == "(attribute_exists(#n0)) AND NOT (#n1 <= :v0)")
        var update = DynamoDBExpressionAttributes()
        #expect(try expiry.updatingCondition(nil, in: &update) == "NOT (#n0 <= :v0)")
        #expect(expiry.isExpired(["expiresAt": .int(1_000)]))
        #expect(!expiry.isExpired(["expiresAt": .int(1_001)]))
        #expect(!expiry.isExpired(["expiresAt": "1"]), "a non-numeric expiresAt never expires")
    }
}
