package import Cloud
package import Middleware

/// `GET /health`, without authentication: the version, whether this was a cold start, and a check of each
/// dependency. All checks passing answers 200 with status `ok`; any failing answers 503 with status `degraded`.
package struct HealthHandler: HTTPAPI {
    package let router: HTTPRouter

    package init(version: String, store: any ItemStore) {
        self.router = HTTPRouter {
            Route(.get, "/health", summary: "Whether the service and its dependencies work", errors: [503]) {
                _, context in
                let checks = ["store": await Self.check(store)]
                let healthy = checks.values.allSatisfy { $0 == HealthStatus.passing }
                return APIResponse(
                    status: healthy ? 200 : 503,
                    body: HealthStatus(
                        status: healthy ? "ok" : "degraded",
                        version: version,
                        coldStart: context.isColdStart,
                        checks: checks
                    )
                )
            }
        }
    }

    /// Reads one key: the store answers (`ok`) or it does not (`unavailable`).
    private static func check(_ store: any ItemStore) async -> String {
        do {
            _ = try await store.get(ItemKey(partition: "HEALTH", sort: "CHECK"))
            return HealthStatus.passing
        } catch {
            return HealthStatus.failing
        }
    }
}
