import Cloud

extension EventBusError {
    /// The port's error for a failed EventBridge call: EventBridge's codes are the port's own; any other refusal of
    /// the request (`ConcurrentModificationException`, `OperationDisabledException`, …) is a
    /// ``Code/validation`` and everything else, a service that could not be reached, timed out or failed on its
    /// side, an ``Code/internalFailure``.
    init(eventBridge error: AWSServiceError) {
        switch error.kind {
        case .service:
            let refused = (error.status ?? 500) < 500
            self.init(Code(rawValue: error.code) ?? (refused ? .validation : .internalFailure), error.message)
        case .unreachable, .timedOut, .invalidResponse, .invalidRequest:
            self.init(.internalFailure, error.description)
        }
    }
}
