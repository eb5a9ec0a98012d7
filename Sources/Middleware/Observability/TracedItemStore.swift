public import Cloud
public import Tracing

/// A store whose every call is a client span named `DynamoDB`, with the `aws.operation` and `aws.table_name` X-Ray
/// shows, and a failure's status (400 for what DynamoDB refuses, 503 when the store is unavailable) and error.
/// Outside a traced invocation (no service context bound) a call goes straight to the store.
public struct TracedItemStore<Tracer: Tracing.Tracer>: ItemStore {
    /// The store the calls go to.
    public let base: any ItemStore
    /// The tracer that records the spans.
    public let tracer: Tracer
    /// The table name recorded as `aws.table_name`.
    public let tableName: String
    /// Each operation's `aws.operation` and `aws.table_name`, made once and indexed by the operation: a call's span
    /// takes them whole.
    private let attributes: [SpanAttributes]

    /// Wraps `base` so its calls are traced by `tracer` as calls to the table `tableName`.
    public init(_ base: any ItemStore, tracer: Tracer, tableName: String) {
        self.base = base
        self.tracer = tracer
        self.tableName = tableName
        self.attributes = DynamoDBOperation.allCases.map { operation in
            ["aws.operation": .string(operation.name), "aws.table_name": .string(tableName)]
        }
    }

    /// Puts an item in a `PutItem` span.
    ///
    /// - Throws: whatever the base store throws.
    public func put(_ item: Item, condition: Condition?, returning: ReturnValues) async throws(ItemStoreError) -> Item?
    {
        try await self.traced(.putItem) { () async throws(ItemStoreError) in
            try await self.base.put(item, condition: condition, returning: returning)
        }
    }

    /// Reads an item in a `GetItem` span.
    ///
    /// - Throws: whatever the base store throws.
    public func get(_ key: ItemKey) async throws(ItemStoreError) -> Item? {
        try await self.traced(.getItem) { () async throws(ItemStoreError) in try await self.base.get(key) }
    }

    /// Deletes an item in a `DeleteItem` span.
    ///
    /// - Throws: whatever the base store throws.
    public func delete(_ key: ItemKey, condition: Condition?, returning: ReturnValues) async throws(ItemStoreError)
        -> Item?
    {
        try await self.traced(.deleteItem) { () async throws(ItemStoreError) in
            try await self.base.delete(key, condition: condition, returning: returning)
        }
    }

    /// Updates an item in an `UpdateItem` span.
    ///
    /// - Throws: whatever the base store throws.
    public func update(_ key: ItemKey, _ update: ItemUpdate, condition: Condition?, returning: ReturnValues)
        async throws(ItemStoreError) -> Item?
    {
        try await self.traced(.updateItem) { () async throws(ItemStoreError) in
            try await self.base.update(key, update, condition: condition, returning: returning)
        }
    }

    /// Writes a transaction in a `TransactWriteItems` span.
    ///
    /// - Throws: whatever the base store throws.
    public func transactWrite(_ actions: [TransactionAction]) async throws(ItemStoreError) {
        try await self.traced(.transactWriteItems) { () async throws(ItemStoreError) in
            try await self.base.transactWrite(actions)
        }
    }

    /// Queries in a `Query` span.
    ///
    /// - Throws: whatever the base store throws.
    public func query(_ query: ItemQuery) async throws(ItemStoreError) -> QueryPage {
        try await self.traced(.query) { () async throws(ItemStoreError) in try await self.base.query(query) }
    }

    private func traced<Result>(_ operation: DynamoDBOperation, _ call: () async throws(ItemStoreError) -> Result)
        async throws(ItemStoreError) -> Result
    {
        guard let context = ServiceContext.current else { return try await call() }
        let span = self.tracer.startSpan("DynamoDB", context: context, ofKind: .client)
        defer { span.end() }
        guard span.isRecording else { return try await call() }
        span.attributes = self.attributes[operation.rawValue]
        do throws(ItemStoreError) {
            return try await call()
        } catch {
            if case .unavailable = error {
                span.attributes["http.response.status_code"] = 503
            } else {
                span.attributes["http.response.status_code"] = 400
            }
            span.recordError(error)
            throw error
        }
    }
}

extension CloudPorts {
    /// These ports with the store's calls and the notifier's sends traced by `tracer`.
    public func traced(by tracer: some Tracing.Tracer, tableName: String) -> CloudPorts {
        var ports = self
        ports.store = TracedItemStore(self.store, tracer: tracer, tableName: tableName)
        ports.notifier = TracedNotifier(self.notifier, tracer: tracer)
        return ports
    }
}

/// The DynamoDB operation each call of a ``TracedItemStore`` is: outside the generic store, so that its cases and
/// their attributes are made without looking generic metadata up at each cold start.
private enum DynamoDBOperation: Int, CaseIterable {
    case putItem, getItem, deleteItem, updateItem, transactWriteItems, query

    var name: String {
        switch self {
        case .putItem: "PutItem"
        case .getItem: "GetItem"
        case .deleteItem: "DeleteItem"
        case .updateItem: "UpdateItem"
        case .transactWriteItems: "TransactWriteItems"
        case .query: "Query"
        }
    }
}
