import Synchronization

/// The token bucket of the SDKs' standard retry mode, shared by every call of a client: a retry takes 5 tokens (10
/// after a timeout or a failed connection), a success gives back what its retries took (or 1 when it needed none, up
/// to the start value), and when the bucket cannot pay, calls fail at once instead of retrying. It stops a client
/// from multiplying the load on a service that is already failing.
package final class AWSRetryQuota: Sendable {
    /// The tokens a client starts with, and the most it holds.
    package static let capacity = 500
    /// What a retry after an error answer costs.
    package static let retryCost = 5
    /// What a retry after a timeout or a failed connection costs.
    package static let timeoutRetryCost = 10
    /// What a call that succeeds at once gives back.
    package static let successIncrement = 1

    private let tokens: Mutex<Int>

    /// A full bucket, or one holding `tokens`.
    package init(tokens: Int = capacity) {
        self.tokens = Mutex(min(max(tokens, 0), Self.capacity))
    }

    /// The tokens left.
    package var available: Int { self.tokens.withLock { $0 } }

    /// Takes what a retry after `error` costs and returns it, or `nil` (taking nothing) when too few are left.
    package func acquireRetry(after error: AWSServiceError) -> Int? {
        let cost = error.kind == .timedOut || error.kind == .unreachable ? Self.timeoutRetryCost : Self.retryCost
        return self.tokens.withLock { tokens in
            guard tokens >= cost else { return nil }
            tokens -= cost
            return cost
        }
    }

    /// Records a success: gives back `spent` (what the call's retries took), or the increment when it took none.
    package func recordSuccess(spent: Int) {
        self.tokens.withLock { tokens in
            tokens = min(Self.capacity, tokens + (spent > 0 ? spent : Self.successIncrement))
        }
    }
}
