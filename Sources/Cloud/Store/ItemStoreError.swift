/// Why a store operation failed; each case matches the DynamoDB error that code must be ready for.
public enum ItemStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The write's condition did not hold (`ConditionalCheckFailedException`), with the item as it is (if any).
    /// Not retryable: the data is not what the caller expected.
    case conditionalCheckFailed(existingItem: Item?)
    /// A transaction was cancelled and changed nothing (`TransactionCanceledException`); one reason per action,
    /// in order, names the action that failed.
    case transactionCanceled(reasons: [TransactionCancellationReason])
    /// The request is malformed (`ValidationException`), e.g. a missing key attribute or a bad update.
    case validation(String)
    /// The item is larger than DynamoDB's 400 KB (`ValidationException`).
    case itemTooLarge(bytes: Int)
    /// The query cursor was not made by this store for this query.
    case invalidCursor
    /// The store could not be reached or failed; the operation may be retried.
    case unavailable(String)

    /// A sentence describing the failure, DynamoDB-style.
    public var description: String {
        switch self {
        case .conditionalCheckFailed: "The conditional request failed"
        case .transactionCanceled(let reasons):
            "Transaction cancelled, please refer cancellation reasons for specific reasons ["
                + reasons.map(\.code).joined(separator: ", ") + "]"
        case .validation(let message): message
        case .itemTooLarge(let bytes):
            "Item size has exceeded the maximum allowed size (\(bytes) > \(TableSchema.maximumItemBytes) bytes)"
        case .invalidCursor: "The cursor is not valid for this query"
        case .unavailable(let message): "The store is unavailable: \(message)"
        }
    }
}

/// What happened to one action of a cancelled transaction.
public enum TransactionCancellationReason: Sendable, Hashable {
    /// The action was fine; another one cancelled the transaction.
    case none
    /// The action's condition did not hold, with the item as it is (if any).
    case conditionalCheckFailed(existingItem: Item?)
    /// The action was malformed or its item too large.
    case validation(String)

    /// DynamoDB's code for the reason: `None`, `ConditionalCheckFailed` or `ValidationError`.
    public var code: String {
        switch self {
        case .none: "None"
        case .conditionalCheckFailed: "ConditionalCheckFailed"
        case .validation: "ValidationError"
        }
    }
}
