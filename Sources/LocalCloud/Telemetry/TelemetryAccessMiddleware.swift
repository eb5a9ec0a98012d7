import HTTPTypes
import Hummingbird

/// Checks every request under ``TelemetryAPI/scope`` against ``TelemetryAccess`` (its `Host`, then the admin token)
/// before anything is read, and lets only `GET` through: the telemetry API only reads.
struct TelemetryAccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let access: TelemetryAccess

    func handle(_ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response)
        async throws -> Response
    {
        guard TelemetryAPI.isInScope(request.uri.path) else { return try await next(request, context) }
        // HTTP/1's `Host` is the request's authority.
        let host = request.head.authority
        if let refusal = self.access.refusal(
            host: host, authorization: request.headers[.authorization], query: request.uri.query ?? "")
        {
            throw refusal
        }
        guard request.method == .get else { throw TelemetryAPIError.methodNotAllowed }
        return try await next(request, context)
    }
}
