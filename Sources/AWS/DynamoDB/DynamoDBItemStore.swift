public import Cloud
import JSONCoding

/// The ``ItemStore`` port on one DynamoDB table with the single-table schema (``TableSchema``: `PK`/`SK`, the
/// index `GSI1` on `GSI1PK`/`GSI1SK`, TTL on `expiresAt`), over DynamoDB's JSON protocol.
///
/// Conditions, updates and key conditions are compiled to expressions whose names and values are all placeholders;
/// numbers travel as exact decimal strings. Reads are strongly consistent where DynamoDB allows it (items and table
/// queries; the index is eventually consistent, as on AWS). Items are checked against the port's limits before they
/// are sent, so both stores refuse the same items.
///
/// DynamoDB deletes expired items only within days of their `expiresAt`, so this store hides them itself: reads drop
/// them, conditions treat them as absent, and an update of an expired item starts from no item (the expired one is
/// deleted first). Time comes from `clock`.
public final class DynamoDBItemStore: ItemStore {
    /// The table's name.
    public let tableName: String
    /// The name of the global index on `GSI1PK`/`GSI1SK`.
    public static let indexName = "GSI1"
    /// How often an update removes an expired item in its way and tries again, before it reports what it found.
    static let maximumExpiredRemovals = 3

    let client: AWSJSONClient
    let clock: any Clock

    /// The table `tableName`, reached through `client` (a client for ``AWSServiceDescription/dynamoDB``); `clock`
    /// tells which items have expired.
    public init(client: AWSJSONClient, tableName: String, clock: any Clock = SystemClock()) {
        self.client = client
        self.tableName = tableName
        self.clock = clock
    }

    /// The expiry rules at this moment.
    var expiry: DynamoDBExpiry { DynamoDBExpiry(nowSeconds: self.clock.nowSeconds) }

    /// `PutItem`, after the port's checks of the item.
    public func put(_ item: Item, condition: Condition?, returning: ReturnValues) async throws(ItemStoreError) -> Item?
    {
        _ = try item.validatedSize()
        return try await self.replace(
            "PutItem", ["Item": DynamoDBAttributeCoding.encode(item)], condition: condition, returning: returning)
    }

    /// `GetItem`, strongly consistent; an expired item is `nil`.
    public func get(_ key: ItemKey) async throws(ItemStoreError) -> Item? {
        let expiry = self.expiry
        let output = try await self.call(
            "GetItem",
            [
                "TableName": .string(self.tableName), "Key": DynamoDBAttributeCoding.encode(key),
                "ConsistentRead": true,
            ], expiry: expiry)
        guard let item = output["Item"] else { return nil }
        return expiry.visible(try Self.item(item))
    }

    /// `DeleteItem`.
    public func delete(_ key: ItemKey, condition: Condition?, returning: ReturnValues) async throws(ItemStoreError)
        -> Item?
    {
        try await self.replace(
            "DeleteItem", ["Key": DynamoDBAttributeCoding.encode(key)], condition: condition, returning: returning)
    }

    /// A write that replaces or removes the item whatever it holds (`PutItem`, `DeleteItem`), `fields` naming the
    /// item; it returns the old item when asked and, as in DynamoDB, nothing else.
    private func replace(
        _ operation: String, _ fields: [String: JSONValue], condition: Condition?, returning: ReturnValues
    ) async throws(ItemStoreError) -> Item? {
        guard returning == .none || returning == .allOld else {
            throw .validation("\(operation) returns nothing or the old item only")
        }
        let expiry = self.expiry
        var attributes = DynamoDBExpressionAttributes()
        var input = fields
        input["TableName"] = .string(self.tableName)
        Self.addCondition(try expiry.replacingCondition(condition, in: &attributes), to: &input)
        attributes.add(to: &input)
        if returning == .allOld { input["ReturnValues"] = "ALL_OLD" }
        let output = try await self.call(operation, input, expiry: expiry)
        return expiry.visible(try Self.attributes(in: output))
    }

    /// `UpdateItem`; an expired item in the way is deleted and the update made again on no item.
    public func update(
        _ key: ItemKey, _ update: ItemUpdate, condition: Condition?, returning: ReturnValues
    ) async throws(ItemStoreError) -> Item? {
        guard !update.isEmpty else { throw .validation("An update needs at least one action") }
        var removals = 0
        while true {
            let expiry = self.expiry
            var attributes = DynamoDBExpressionAttributes()
            var input: [String: JSONValue] = [
                "TableName": .string(self.tableName), "Key": DynamoDBAttributeCoding.encode(key),
                "UpdateExpression": .string(attributes.update(update)),
            ]
            Self.addCondition(try expiry.updatingCondition(condition, in: &attributes), to: &input)
            attributes.add(to: &input)
            // The port's "updated" values are whole top-level attributes, so they are cut from the whole item here.
            switch returning {
            case .none: break
            case .allOld, .updatedOld: input["ReturnValues"] = "ALL_OLD"
            case .allNew, .updatedNew: input["ReturnValues"] = "ALL_NEW"
            }
            do throws(ItemStoreError) {
                let output = try await self.call("UpdateItem", input, expiry: nil)
                let written = try Self.attributes(in: output)
                return returning.select(old: written, new: written, updated: update.updatedAttributes)
            } catch .conditionalCheckFailed(let existing)
                where removals < Self.maximumExpiredRemovals
                && expiry.updateNeedsPurge(of: existing, condition: condition)
            {
                try await self.removeExpiredItem(at: key, expiry: expiry)
                removals += 1
            } catch {
                throw expiry.hidingExpired(error)
            }
        }
    }

    /// Deletes the item at `key` if it is still expired (another writer may have replaced it meanwhile).
    func removeExpiredItem(at key: ItemKey, expiry: DynamoDBExpiry) async throws(ItemStoreError) {
        var attributes = DynamoDBExpressionAttributes()
        var input: [String: JSONValue] = [
            "TableName": .string(self.tableName), "Key": DynamoDBAttributeCoding.encode(key),
            "ConditionExpression": .string(expiry.expired(in: &attributes)),
        ]
        attributes.add(to: &input)
        do throws(ItemStoreError) {
            _ = try await self.call("DeleteItem", input, expiry: nil)
        } catch .conditionalCheckFailed {
            // Replaced meanwhile: the update sees the new item when it tries again.
        }
    }

    // MARK: Wire

    /// Calls `operation`; DynamoDB's errors become the port's, with expired items hidden when `expiry` is given.
    func call(_ operation: String, _ input: [String: JSONValue], expiry: DynamoDBExpiry?) async throws(ItemStoreError)
        -> JSONValue
    {
        do throws(AWSServiceError) {
            return try await self.client.call(operation, .object(input))
        } catch {
            let mapped = ItemStoreError(dynamoDB: error)
            throw expiry.map { $0.hidingExpired(mapped) } ?? mapped
        }
    }

    /// Adds `condition` as the `ConditionExpression`, asking for the item as it is when the condition fails.
    static func addCondition(_ condition: String?, to input: inout [String: JSONValue]) {
        guard let condition else { return }
        input["ConditionExpression"] = .string(condition)
        input["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
    }

    /// The item in `json`, or ``ItemStoreError/unavailable(_:)`` when DynamoDB sent something the port cannot read.
    static func item(_ json: JSONValue) throws(ItemStoreError) -> Item {
        guard let item = DynamoDBAttributeCoding.decodeItem(json) else {
            throw .unavailable("DynamoDB answered with an item whose attributes the port cannot read")
        }
        return item
    }

    /// The item in a write's `Attributes`, if it has one.
    private static func attributes(in output: JSONValue) throws(ItemStoreError) -> Item? {
        guard let attributes = output["Attributes"] else { return nil }
        return try Self.item(attributes)
    }
}
