/// The SDKs' standard retry mode, apart from its quota (``AWSRetryQuota``): which failures are worth another attempt,
/// how many attempts a call gets, and how long to wait before each (exponential backoff with full jitter).
package struct AWSRetryPolicy: Sendable {
    /// The error codes that say the service is shedding load.
    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
        "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
        "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
        "PriorRequestNotComplete", "EC2ThrottledException",
        // SQS's query-compatible code for the same.
        "AWS.SimpleQueueService.RequestThrottled",
    ]
    /// The error codes of failures that pass by themselves.
    static let transientCodes: Set<String> = [
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
    ]
    /// The statuses of failures that pass by themselves.
    static let transientStatuses: Set<Int> = [500, 502, 503, 504]

    /// How many attempts a call gets in all (the SDKs' default is 3).
    package var maximumAttempts: Int
    /// The longest wait before a retry (20 s in the SDKs).
    package var maximumBackoff: Duration

    /// A policy of `maximumAttempts` attempts, waiting at most `maximumBackoff`.
    package init(maximumAttempts: Int = 3, maximumBackoff: Duration = .seconds(20)) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.maximumBackoff = maximumBackoff
    }

    /// Whether `error` may pass if the call is made again: throttling, a transient error or status, a failed
    /// connection or a timeout of the attempt.
    package func isRetryable(_ error: AWSServiceError) -> Bool {
        switch error.kind {
        case .unreachable, .timedOut: true
        case .invalidRequest, .invalidResponse: false
        case .service:
            Self.throttlingCodes.contains(error.code) || Self.transientCodes.contains(error.code)
                || error.status.map { Self.transientStatuses.contains($0) || $0 == 429 } == true
        }
    }

    /// The wait before retry number `retry` (1 for the first): a random fraction `jitter` (in 0..<1) of 2^(retry-1)
    /// seconds, at most ``maximumBackoff``.
    package func backoff(beforeRetry retry: Int, jitter: Double) -> Duration {
        let ceiling = Double(1 << min(max(retry - 1, 0), 30))
        let seconds = min(jitter * ceiling, Double(self.maximumBackoff.components.seconds))
        return .milliseconds(Int64(seconds * 1000))
    }
}
