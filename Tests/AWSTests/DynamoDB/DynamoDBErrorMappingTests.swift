import Cloud
import JSONCoding
import StratusTesting
import Testing

@testable import AWS

/// DynamoDB's answers, recorded as the service sends them, and what the store makes of them: the port's errors, the
/// item as it is, each action's cancellation reason, and expired items hidden.
struct DynamoDBErrorMappingTests {
    private static let now: Int64 = 1_800_000_000

    /// A store on `transport` at a fixed time, whose retries wait for nothing.
    private func store(_ transport: ScriptedTransport) throws -> DynamoDBItemStore {
        let environment = AWSEnvironment([
            "AWS_ENDPOINT_URL": "http://127.0.0.1:9", "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "secret",
        ])
        let clock = ManualClock(nowMilliseconds: Self.now * 1000)
        let client = try AWSJSONClient(
            service: .dynamoDB, region: "us-east-1",
            credentials: EnvironmentCredentialProvider(environment: environment), environment: environment,
            transport: transport, clock: clock, quota: AWSRetryQuota(tokens: 100), jitter: { 0 }, sleep: { _ in })
        return DynamoDBItemStore(client: client, tableName: "t", clock: clock)
    }

    private static func answer(_ status: Int, _ body: String) -> Result<AWSHTTPResponse, AWSHTTPError> {
        .success(AWSHTTPResponse(status: status, body: Array(body.utf8)))
    }

    private static let key = ItemKey(partition: "P", sort: "S")

    @Test func aFailedConditionReportsTheItemAsItIs() async throws {
        let transport = ScriptedTransport([
            Self.answer(
                400,
                #"{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"PK":{"S":"P"},"SK":{"S":"S"},"owner":{"S":"alice"}}}"#
            )
        ])
        let store = try self.store(transport)
        await #expect(
            throws: ItemStoreError.conditionalCheckFailed(existingItem: ["PK": "P", "SK": "S", "owner": "alice"])
        ) {
            try await store.put(["PK": "P", "SK": "S"], condition: .attributeNotExists("PK"))
        }
        let request = try #require(transport.requests.first.flatMap { JSONValue(parsing: $0.body) })
        #expect(request["ReturnValuesOnConditionCheckFailure"] == "ALL_OLD")
        #expect(request["ConditionExpression"] == "(attribute_not_exists(#n0)) OR (#n1 <= :v0)")
        #expect(request["ExpressionAttributeValues"]?[":v0"] == ["N": .string(String(Self.now))])
    }

    @Test func aCancelledTransactionNamesTheFailingActionAndHidesExpiredItems() async throws {
        let transport = ScriptedTransport([
            Self.answer(
                400,
                #"{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException","Message":"Transaction cancelled","CancellationReasons":[{"Code":"None"},{"Code":"ConditionalCheckFailed","Message":"The conditional request failed","Item":{"PK":{"S":"B"},"SK":{"S":"S"},"stock":{"N":"1"}}},{"Code":"ConditionalCheckFailed","Item":{"PK":{"S":"C"},"SK":{"S":"S"},"expiresAt":{"N":"5"}}},{"Code":"ValidationError","Message":"Item size has exceeded the maximum allowed size"}]}"#
            )
        ])
        let store = try self.store(transport)
        let expected: [TransactionCancellationReason] = [
            .none, .conditionalCheckFailed(existingItem: ["PK": "B", "SK": "S", "stock": .int(1)]),
            .conditionalCheckFailed(existingItem: nil), .validation("Item size has exceeded the maximum allowed size"),
        ]
        await #expect(throws: ItemStoreError.transactionCanceled(reasons: expected)) {
            try await store.transactWrite([
                .put(["PK": "A", "SK": "S"]),
                .update(ItemKey(partition: "B", sort: "S"), ItemUpdate().add("stock", .int(-2))),
                .conditionCheck(ItemKey(partition: "C", sort: "S"), condition: .attributeExists("PK")),
                .delete(ItemKey(partition: "D", sort: "S")),
            ])
        }
        let request = try #require(transport.requests.first.flatMap { JSONValue(parsing: $0.body) })
        let items = try #require(request["TransactItems"]?.arrayValue)
        #expect(items.map { $0.objectValue?.keys.first } == ["Put", "Update", "ConditionCheck", "Delete"])
        #expect(items[1]["Update"]?["UpdateExpression"] == "ADD #n0 :v0")
    }

    @Test func aConflictingTransactionIsUnavailableNotTheCallersFault() async throws {
        let transport = ScriptedTransport([
            Self.answer(
                400,
                #"{"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException","Message":"Transaction cancelled","CancellationReasons":[{"Code":"TransactionConflict","Message":"Transaction is ongoing for the item"}]}"#
            )
        ])
        let store = try self.store(transport)
        await #expect {
            try await store.transactWrite([.put(["PK": "A", "SK": "S"])])
        } throws: { error in
            if case .unavailable = error as? ItemStoreError { true } else { false }
        }
    }

    @Test func throttlingIsRetriedThenUnavailable() async throws {
        let throttled = ScriptedTransport.error(400, "ProvisionedThroughputExceededException")
        let recovering = ScriptedTransport([throttled, Self.answer(200, #"{"Item":{"PK":{"S":"P"},"SK":{"S":"S"}}}"#)])
        #expect(try await self.store(recovering).get(Self.key) == ["PK": "P", "SK": "S"])
        #expect(recovering.requests.count == 2)
        let overloaded = ScriptedTransport([throttled, throttled, throttled])
        await #expect {
            _ = try await self.store(overloaded).get(Self.key)
        } throws: { error in
            if case .unavailable = error as? ItemStoreError { true } else { false }
        }
        #expect(overloaded.requests.count == 3)
    }

    @Test func validationErrorsAreTheCallersAndAnOversizedUpdateIsTooLarge() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.error(400, "ValidationException"),
            Self.answer(
                400,
                #"{"__type":"com.amazonaws.dynamodb.v20120810#ValidationException","message":"Item size to update has exceeded the maximum allowed size"}"#
            ),
        ])
        let store = try self.store(transport)
        await #expect(throws: ItemStoreError.validation("ValidationException")) {
            try await store.update(Self.key, ItemUpdate().set("a", to: .int(1)))
        }
        await #expect(throws: ItemStoreError.itemTooLarge(bytes: TableSchema.maximumItemBytes + 1)) {
            try await store.update(Self.key, ItemUpdate().set("a", to: .int(1)))
        }
    }

    @Test func readsHideExpiredItemsAndGetIsConsistent() async throws {
        let transport = ScriptedTransport([
            Self.answer(200, #"{"Item":{"PK":{"S":"P"},"SK":{"S":"S"},"expiresAt":{"N":"1800000000"}}}"#),
            Self.answer(200, #"{"Attributes":{"PK":{"S":"P"},"SK":{"S":"S"},"expiresAt":{"N":"5"}}}"#),
        ])
        let store = try self.store(transport)
        #expect(try await store.get(Self.key) == nil)
        #expect(try await store.delete(Self.key, condition: nil, returning: .allOld) == nil)
        let get = try #require(transport.requests.first.flatMap { JSONValue(parsing: $0.body) })
        #expect(get["ConsistentRead"] == true)
    }

    @Test func anUpdateBlockedByAnExpiredItemRemovesItAndStartsFromNoItem() async throws {
        let failed =
            #"{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"PK":{"S":"P"},"SK":{"S":"S"},"expiresAt":{"N":"5"},"n":{"N":"7"}}}"#
        let transport = ScriptedTransport([
            Self.answer(400, failed), Self.answer(200, "{}"),
            Self.answer(200, #"{"Attributes":{"PK":{"S":"P"},"SK":{"S":"S"},"n":{"N":"1"}}}"#),
        ])
        let store = try self.store(transport)
        let new = try await store.update(Self.key, ItemUpdate().add("n", .int(1)))
        #expect(new == ["PK": "P", "SK": "S", "n": .int(1)])
        let targets = transport.requests.map { request in
            request.headers.first { $0.name == "X-Amz-Target" }?.value
        }
        #expect(
            targets == [
                "DynamoDB_20120810.UpdateItem", "DynamoDB_20120810.DeleteItem", "DynamoDB_20120810.UpdateItem",
            ])
        let removal = try #require(JSONValue(parsing: transport.requests[1].body))
        #expect(removal["ConditionExpression"] == "#n0 <= :v0", "only a still-expired item is removed")
    }

    @Test func aQueryReadsOnUntilTheLimitCountsLiveItems() async throws {
        let transport = ScriptedTransport([
            Self.answer(
                200,
                #"{"Items":[{"PK":{"S":"P"},"SK":{"S":"a"},"expiresAt":{"N":"5"}}],"Count":1,"ScannedCount":1,"LastEvaluatedKey":{"PK":{"S":"P"},"SK":{"S":"a"}}}"#
            ),
            Self.answer(
                200,
                #"{"Items":[{"PK":{"S":"P"},"SK":{"S":"b"}}],"Count":1,"ScannedCount":1,"LastEvaluatedKey":{"PK":{"S":"P"},"SK":{"S":"b"}}}"#
            ),
        ])
        let store = try self.store(transport)
        let page = try await store.query(ItemQuery(partition: "P", order: .descending, limit: 1))
        #expect(page.items == [["PK": "P", "SK": "b"]])
        #expect(page.scannedCount == 1)
        let next = try #require(page.nextCursor)
        #expect(
            try DynamoDBCursor.exclusiveStartKey(in: next, for: ItemQuery(partition: "P"))
                == ["PK": ["S": "P"], "SK": ["S": "b"]])
        let second = try #require(JSONValue(parsing: transport.requests[1].body))
        #expect(second["ExclusiveStartKey"] == ["PK": ["S": "P"], "SK": ["S": "a"]])
        #expect(second["ScanIndexForward"] == false)
        #expect(second["ConsistentRead"] == true)
        #expect(second["Limit"] == 1)
    }
}
