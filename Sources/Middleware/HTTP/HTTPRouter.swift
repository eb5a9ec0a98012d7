public import Cloud
public import LambdaEvents
public import LambdaRuntime
import Logging

/// Routes HTTP API (payload 2.0) events to their route's handler, and answers everything else the way a careful API
/// does: 404 for unknown paths, 405 with `Allow` for a known path and another method, CORS preflights, 413 past the
/// body limit, problem bodies for every error, 503 with `Retry-After` when the store is unavailable (busy with
/// another writer's lock), and 500 without internals for anything unexpected (logged with its cause). Every answer
/// carries the security headers.
public struct HTTPRouter: LambdaHandler {
    public let routes: [Route]
    public let configuration: Configuration
    /// The routes by their route key (`GET /orders/{id}`), the first declared winning: the route API Gateway chose
    /// is tried first, and only when it does not match the event is every route scanned.
    private let routesByKey: [String: Route]
    /// The security headers, with room for a typical answer's own and CORS headers: each answer starts from a copy,
    /// which keeps the buckets as they are, instead of growing its own headers and hashing them all again.
    private let baseHeaders: [String: String]

    /// How the router answers beyond its routes.
    public struct Configuration: Sendable {
        /// The largest request body accepted, in bytes (after base64 decoding).
        public var maxBodyBytes: Int
        /// CORS for browser callers; `nil` answers no preflight and sends no CORS headers.
        public var cors: CORSConfiguration?
        /// Headers added to every answer.
        public var securityHeaders: [String: String]

        public init(
            maxBodyBytes: Int = 1_048_576, cors: CORSConfiguration? = nil,
            securityHeaders: [String: String] = Self.defaultSecurityHeaders
        ) {
            self.maxBodyBytes = maxBodyBytes
            self.cors = cors
            self.securityHeaders = securityHeaders
        }

        /// Headers that keep an API answer from being sniffed, framed, cached or leaking referrers
        /// (``SecurityHeaders``).
        public static let defaultSecurityHeaders = Dictionary(
            uniqueKeysWithValues: SecurityHeaders.fields.map { ($0.name, $0.value) })
    }

    public init(configuration: Configuration = Configuration(), @RouteListBuilder routes: () -> [Route]) {
        self.configuration = configuration
        self.routes = routes()
        self.routesByKey = Dictionary(self.routes.map { ($0.routeKey, $0) }) { first, _ in first }
        var baseHeaders = [String: String](minimumCapacity: configuration.securityHeaders.count + 8)
        baseHeaders.merge(configuration.securityHeaders) { _, new in new }
        self.baseHeaders = baseHeaders
    }

    public func handle(_ event: APIGatewayV2Request, context: LambdaContext) async throws -> APIGatewayV2Response {
        var response: APIGatewayV2Response
        do {
            response = try await self.route(event, context: context)
        } catch let error as any HTTPProblemError {
            response = JSONResponseEncoding.problem(error, requestID: event.requestContext.requestId)
        } catch ItemStoreError.unavailable(let reason) {
            context.logger.warning("The store is unavailable; answered 503", metadata: ["error.message": "\(reason)"])
            response = JSONResponseEncoding.problem(
                HTTPError.serviceUnavailable(
                    "The store is busy or unavailable; try again shortly", retryAfterSeconds: 1),
                requestID: event.requestContext.requestId
            )
        } catch {
            context.logger.error(
                "Unhandled error answered with 500",
                metadata: ["error.type": "\(type(of: error))", "error.message": "\(error)"]
            )
            response = JSONResponseEncoding.problem(
                HTTPError.internalServerError, requestID: event.requestContext.requestId)
        }
        // The answer's own headers win over the security headers, which win over CORS's.
        var headers = self.baseHeaders
        if let cors = self.configuration.cors, let origin = event.headers["origin"] {
            headers.merge(cors.responseHeaders(origin: origin)) { security, _ in security }
        }
        for (name, value) in response.headers ?? [:] {
            headers[name] = value
        }
        response.headers = headers
        return response
    }

    private func route(_ event: APIGatewayV2Request, context: LambdaContext) async throws -> APIGatewayV2Response {
        let method = RequestMethod(folding: event.requestContext.http.method)
        let parts = Self.pathParts(of: event)
        if let method, let route = self.routesByKey[event.routeKey], RouteRanking.answers(route.method, method),
            let parameters = route.path.match(parts: parts)
        {
            return try await self.respond(
                route, method: method, parameters: parameters, event: event, context: context)
        }
        if let method, let (route, parameters) = self.routes.bestMatch(method: method, parts: parts) {
            return try await self.respond(
                route, method: method, parameters: parameters, event: event, context: context)
        }
        let methods = self.routes.methods(matching: parts)
        guard !methods.isEmpty else { throw HTTPError.notFound("No route for \(event.rawPath)") }
        if method == .options, let cors = self.configuration.cors, let origin = event.headers["origin"],
            event.headers["access-control-request-method"] != nil
        {
            return APIGatewayV2Response(
                statusCode: 204, headers: cors.preflightHeaders(origin: origin, methods: methods.map(\.rawValue)))
        }
        throw HTTPError.methodNotAllowed(
            "\(event.rawPath) does not answer \(event.requestContext.http.method)", allow: methods)
    }

    /// The segments of the path the routes match: `rawPath` without the stage, which a named stage (anything but
    /// `$default`) puts in front of it, as API Gateway matches routes.
    private static func pathParts(of event: APIGatewayV2Request) -> [Substring] {
        var parts = PathTemplate.parts(of: event.rawPath)
        let stage = event.requestContext.stage
        if !stage.isEmpty, stage != "$default", parts.first.map({ $0 == stage }) == true {
            parts.removeFirst()
        }
        return parts
    }

    private func respond(
        _ route: Route, method: RequestMethod, parameters: [String: String], event: APIGatewayV2Request,
        context: LambdaContext
    ) async throws -> APIGatewayV2Response {
        let request = APIRequest(event: event, method: method, pathParameters: parameters)
        let size = try request.bodyByteCount()
        guard size <= self.configuration.maxBodyBytes else {
            throw HTTPError.contentTooLarge(
                "The body is \(size) bytes; the limit is \(self.configuration.maxBodyBytes)")
        }
        return try await route.respond(request, context)
    }

}

/// Collects the routes of an ``HTTPRouter``.
@resultBuilder
public enum RouteListBuilder {
    public static func buildExpression(_ route: Route) -> [Route] { [route] }
    public static func buildBlock(_ parts: [Route]...) -> [Route] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Route]?) -> [Route] { part ?? [] }
    public static func buildEither(first part: [Route]) -> [Route] { part }
    public static func buildEither(second part: [Route]) -> [Route] { part }
    public static func buildArray(_ parts: [[Route]]) -> [Route] { parts.flatMap { $0 } }
}
