public import Cloud
import LambdaRuntime

/// Keeps another source's credentials until shortly before they expire. Then the first caller to notice fetches new
/// ones while every other caller goes on with the old ones, which are still valid; once they have expired, all callers
/// wait for the one fetch in flight (single flight). A failed refresh leaves the old credentials in use while they
/// last.
public actor CachingCredentialProvider: CredentialProvider {
    /// How long before expiry credentials are replaced by default: five minutes, as the SDKs do.
    public static let defaultRefreshAhead: Duration = .seconds(300)

    /// The wrapped source's name.
    public nonisolated let name: String
    private let provider: any CredentialProvider
    private let clock: any Clock
    private let refreshAheadMilliseconds: Int64
    private var cached: AWSCredentials?
    private var refresh: Task<AWSCredentials?, any Error>?

    /// A cache in front of `provider`, reading time from `clock`.
    public init(_ provider: any CredentialProvider, clock: any Clock, refreshAhead: Duration = defaultRefreshAhead) {
        self.name = provider.name
        self.provider = provider
        self.clock = clock
        self.refreshAheadMilliseconds = refreshAhead.wholeMilliseconds
    }

    /// The cached credentials, fetched or refreshed as described above.
    public func credentials() async throws -> AWSCredentials? {
        let now = self.clock.nowMilliseconds
        if let cached = self.cached {
            if !self.isDue(cached, now: now) { return cached }
            if self.refresh != nil, self.isValid(cached, now: now) { return cached }
        }
        let refresh = self.refresh ?? self.startRefresh()
        do {
            let fresh = try await refresh.value
            self.finish(refresh, with: fresh)
            return fresh
        } catch {
            self.finish(refresh, with: nil)
            if let cached = self.cached, self.isValid(cached, now: self.clock.nowMilliseconds) { return cached }
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
        if let fresh { self.cached = fresh }
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
