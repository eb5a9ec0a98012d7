/// What a `PutEvents` request did with each of its entries.
public struct PutEventsResult: Sendable, Hashable {
    /// The outcome of one entry.
    public enum Entry: Sendable, Hashable {
        /// The bus accepted the event and gave it this id.
        case accepted(eventID: String)
        /// The bus refused the event; `errorCode` is EventBridge's (`InvalidArgument`, `MalformedDetail`, ...).
        case failed(errorCode: String, errorMessage: String)

        /// The id of an accepted event.
        public var eventID: String? {
            if case .accepted(let id) = self { return id }
            return nil
        }

        /// The error code of a refused event.
        public var errorCode: String? {
            if case .failed(let code, _) = self { return code }
            return nil
        }
    }

    /// One outcome per entry of the request, in the request's order.
    public var entries: [Entry]

    /// The outcomes of a request's entries, in order.
    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// How many entries were refused.
    public var failedEntryCount: Int {
        self.entries.count { $0.eventID == nil }
    }
}
