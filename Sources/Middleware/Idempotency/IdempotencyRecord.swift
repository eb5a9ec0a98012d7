import Cloud

/// An idempotency record as an item: `IDEMPOTENCY#<scope>#<key hash>` / `RECORD`, its status, the payload's hash,
/// the expiry (the TTL attribute), the deadline of the attempt in progress, and the stored response.
struct IdempotencyRecord: Equatable {
    enum Status: String {
        case inProgress = "IN_PROGRESS"
        case completed = "COMPLETED"
    }

    enum Attribute {
        static let status = "status"
        static let payloadHash = "payloadHash"
        static let inProgressExpiresAt = "inProgressExpiresAt"
        static let attempt = "attempt"
        static let response = "response"
    }

    var status: Status
    var payloadHash: String
    /// When the record stops answering repeats, in seconds since the epoch.
    var expiresAtSeconds: Int64
    /// When an attempt in progress is presumed dead (its invocation's deadline), in milliseconds since the epoch.
    var inProgressExpiresAtMilliseconds: Int64
    /// A random id of the invocation that holds the record, so it only ever completes or releases its own.
    var attempt: String
    /// The operation's result as JSON, once completed.
    var response: String?

    init(
        status: Status,
        payloadHash: String,
        expiresAtSeconds: Int64,
        inProgressExpiresAtMilliseconds: Int64,
        attempt: String,
        response: String? = nil
    ) {
        self.status = status
        self.payloadHash = payloadHash
        self.expiresAtSeconds = expiresAtSeconds
        self.inProgressExpiresAtMilliseconds = inProgressExpiresAtMilliseconds
        self.attempt = attempt
        self.response = response
    }

    init?(_ item: Item) {
        guard let status = item.string(Attribute.status).flatMap(Status.init(rawValue:)),
            let payloadHash = item.string(Attribute.payloadHash),
            let expiresAt = item.expiresAtSeconds,
            let inProgressExpiresAt = item.int(Attribute.inProgressExpiresAt),
            let attempt = item.string(Attribute.attempt)
        else { return nil }
        self.init(
            status: status, payloadHash: payloadHash, expiresAtSeconds: expiresAt,
            inProgressExpiresAtMilliseconds: Int64(inProgressExpiresAt), attempt: attempt,
            response: item.string(Attribute.response))
    }

    func item(key: ItemKey) -> Item {
        var item = Item(key.attributes)
        item[Attribute.status] = .string(self.status.rawValue)
        item[Attribute.payloadHash] = .string(self.payloadHash)
        item[TableSchema.expiresAt] = .int(Int(self.expiresAtSeconds))
        item[Attribute.inProgressExpiresAt] = .int(Int(self.inProgressExpiresAtMilliseconds))
        item[Attribute.attempt] = .string(self.attempt)
        item[Attribute.response] = self.response.map(AttributeValue.string)
        return item
    }

    /// The condition under which a new attempt may take the record: there is none, it expired, or the attempt in
    /// progress outlived its invocation's deadline. Expiry is checked here too, not left to TTL, because DynamoDB
    /// deletes expired items only eventually.
    static func takeoverCondition(nowMilliseconds: Int64) -> Condition {
        .attributeNotExists(AttributePath(TableSchema.partitionKey))
            || .compare(AttributePath(TableSchema.expiresAt), .less, .int(Int(nowMilliseconds / 1000)))
            || (.equal(AttributePath(Attribute.status), .string(Status.inProgress.rawValue))
                && .compare(AttributePath(Attribute.inProgressExpiresAt), .less, .int(Int(nowMilliseconds))))
    }

    /// The condition that the record still belongs to `attempt`.
    static func heldBy(_ attempt: String) -> Condition {
        .equal(AttributePath(Attribute.attempt), .string(attempt))
    }
}
