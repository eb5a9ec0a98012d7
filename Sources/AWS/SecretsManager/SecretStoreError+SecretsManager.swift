import Cloud

extension SecretStoreError {
    /// The port's error for a failed Secrets Manager call: `ResourceNotFoundException` and
    /// `InvalidParameterException` are the port's own codes, any other refusal of the request
    /// (`InvalidRequestException`, `ValidationException`, …) is an ``Code/invalidParameter``, and everything else, a
    /// service that could not be reached, timed out or failed on its side, ``Code/unavailable``. The message is
    /// Secrets Manager's, which never holds a value.
    init(secretsManager error: AWSServiceError) {
        switch error.kind {
        case .service:
            let refused = (error.status ?? 500) < 500
            self.init(Code(rawValue: error.code) ?? (refused ? .invalidParameter : .unavailable), error.message)
        case .unreachable, .timedOut, .invalidResponse, .invalidRequest:
            self.init(.unavailable, error.description)
        }
    }
}
