public import LambdaEvents

/// An event that names the id its log lines share (`correlation_id`), as Powertools' correlation paths read them.
public protocol CorrelationIDCarrying {
    var correlationID: String? { get }
}

/// The longest correlation id taken from a caller; a longer or odd one is not trusted and the event's own id is used.
let maximumCallerCorrelationIDLength = 128

/// Whether a caller's correlation id is safe to log and pass on: 1–128 printable ASCII characters without spaces.
/// (Read as contiguous bytes: through the UTF-8 view a byte at a time, a UUID's 36 cost a thousand instructions.)
func isAcceptableCorrelationID(_ id: String) -> Bool {
    var id = id
    return id.withUTF8 { bytes in
        !bytes.isEmpty && bytes.count <= maximumCallerCorrelationIDLength && bytes.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }
}

extension APIGatewayV2Request: CorrelationIDCarrying {
    /// The caller's `x-correlation-id` header when it is acceptable, else API Gateway's request id
    /// (`requestContext.requestId`).
    public var correlationID: String? {
        if let given = self.headers["x-correlation-id"], isAcceptableCorrelationID(given) { return given }
        return self.requestContext.requestId
    }
}

extension EventBridgeEvent: CorrelationIDCarrying {
    /// The event's `id`.
    public var correlationID: String? { self.id }
}

extension SQSEvent: CorrelationIDCarrying {
    /// The first message's `correlation_id` (or `x-correlation-id`) string attribute when acceptable, else its
    /// message id; each message of a batch keeps its own in its record.
    public var correlationID: String? {
        guard let first = self.records.first else { return nil }
        for name in ["correlation_id", "x-correlation-id"] {
            if let given = first.messageAttributes[name]?.stringValue, isAcceptableCorrelationID(given) { return given }
        }
        return first.messageId
    }
}
