import Cloud
import JSONCoding

extension ItemStoreError {
    /// The port's error for a failed DynamoDB call, with items as DynamoDB reported them (expired ones included):
    ///
    /// - `ConditionalCheckFailedException` is ``conditionalCheckFailed(existingItem:)`` with the body's `Item`;
    /// - `TransactionCanceledException` is ``transactionCanceled(reasons:)``, one reason per action from
    ///   `CancellationReasons`, when every reason is one the port names; a transaction cancelled by a conflict or
    ///   throttling is ``unavailable(_:)``, worth another try;
    /// - `ValidationException` is ``itemTooLarge(bytes:)`` when it is about the item size (an update's result: puts
    ///   are measured before they are sent), else ``validation(_:)``;
    /// - anything else (throttling after the client's retries, a missing table, no connection) is ``unavailable(_:)``.
    init(dynamoDB error: AWSServiceError) {
        guard error.kind == .service else {
            self = .unavailable(error.description)
            return
        }
        switch error.code {
        case "ConditionalCheckFailedException":
            self = .conditionalCheckFailed(
                existingItem: error.body?["Item"].flatMap(DynamoDBAttributeCoding.decodeItem))
        case "TransactionCanceledException":
            let reasons = (error.body?["CancellationReasons"]?.arrayValue ?? []).map {
                TransactionCancellationReason(dynamoDB: $0)
            }
            if reasons.isEmpty || reasons.contains(nil) {
                self = .unavailable(error.description)
            } else {
                self = .transactionCanceled(reasons: reasons.compactMap { $0 })
            }
        case "ValidationException", "SerializationException":
            // DynamoDB does not say how large the item came out: the smallest size over the limit stands for it.
            self =
                Self.isItemSizeMessage(error.message)
                ? .itemTooLarge(bytes: TableSchema.maximumItemBytes + 1) : .validation(error.message)
        default:
            self = .unavailable(error.description)
        }
    }

    /// Whether DynamoDB's validation message is about an item over 400 KB.
    static func isItemSizeMessage(_ message: String) -> Bool {
        message.contains(text: "Item size") && message.contains(text: "exceeded the maximum allowed size")
    }
}

extension TransactionCancellationReason {
    /// The reason one entry of `CancellationReasons` gives, or `nil` for a code the port does not name
    /// (`TransactionConflict`, `ThrottlingError`, …), which is no fault of the action.
    init?(dynamoDB reason: JSONValue) {
        switch reason["Code"]?.stringValue {
        case "None", nil:
            self = .none
        case "ConditionalCheckFailed":
            self = .conditionalCheckFailed(existingItem: reason["Item"].flatMap(DynamoDBAttributeCoding.decodeItem))
        case "ValidationError":
            self = .validation(reason["Message"]?.stringValue ?? "The action is not valid")
        default:
            return nil
        }
    }
}
