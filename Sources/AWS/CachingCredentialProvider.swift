public import Cloud
import LambdaRuntime

/// Keeps another source's credentials until shortly before they expire. Then the first caller to notice fetches new
/// ones while every other caller goes on with the old ones, which are still valid; once they have expired, all callers
/// wait for the one fetch in flight (single flight). A failed refresh leaves the old credentials in use while they
/// last, and the next attempt waits ``retryAfterFailure`` so that callers do not each wait out a failing source's
/// timeout while valid credentials are at hand.
public actor CachingCredentialProvider: CredentialProvider {
    /// How long before expiry credentials are replaced by default: five minutes, as the SDKs do.
    public static let defaultRefreshAhead: Duration = .seconds(300)

    /// How long after a failed refresh the next one is tried while the cached credentials are still valid.
    public static let retryAfterFailure: Duration = .seconds(60)

    /// The wrapped source's name (a chain's joins its sources' names: made when asked, not on a cold start).
    public nonisolated var name: String { self.provider.name }
    private let provider: any CredentialProvider
    private let clock: any Clock
    private let refreshAheadMilliseconds: Int64
    private var cached: AWSCredentials?
    private var refresh: Task<AWSCredentials?, any Error>?
    private var noRefreshBefore: Int64 = .min

    /// A cache in front of `provider`, reading time from `clock`.
    public init(_ provider: any CredentialProvider, clock: any Clock, refreshAhead: Duration = defaultRefreshAhead) {
        self.provider = provider
        self.clock = clock
        self.refreshAheadMilliseconds = refreshAhead.wholeMilliseconds
    }

    /// The cached credentials, fetched or refreshed as described above.
    public func credentials() async throws -> AWSCredentials? {
        let now = self.clock.nowMilliseconds
        if let cached = self.cached {
            if !self.isDue(cached, now: now) { return cached }
            if self.refresh != nil || now < self.noRefreshBefore, self.isValid(cached, now: now) { return cached }
        }
        let refresh = self.refresh ?? self.startRefresh()
        do {
            let fresh = try await refresh.value
            self.finish(refresh, with: fresh)
            return fresh ?? self.validCached()
        } catch {
            self.finish(refresh, with: nil)
            if let cached = self.validCached() { return cached }
            throw error
        }
    }

    private func startRefresh() -> Task<AWSCredentials?, any Error> {
        let provider = self.provider
        let task = Task { try await provider.credentials() }
        self.refresh = task
        return task
    }

    private func finish(_ task: Task<AWSCredentials?, any Error>, with fresh: AWSCredentials?) {
        guard self.refresh == task else { return }
        self.refresh = nil
        if let fresh {
            self.cached = fresh
        } else {
            self.noRefreshBefore = self.clock.nowMilliseconds + Self.retryAfterFailure.wholeMilliseconds
        }
    }

    /// The cached credentials while they are still valid.
    private func validCached() -> AWSCredentials? {
        self.cached.flatMap { self.isValid($0, now: self.clock.nowMilliseconds) ? $0 : nil }
    }

    private func isDue(_ credentials: AWSCredentials, now: Int64) -> Bool {
        guard let expiry = credentials.expirationMilliseconds else { return false }
        return now >= expiry - self.refreshAheadMilliseconds
    }

    private func isValid(_ credentials: AWSCredentials, now: Int64) -> Bool {
        guard let expiry = credentials.expirationMilliseconds else { return true }
        return now < expiry
    }
}
