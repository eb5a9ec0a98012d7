public import Cloud
public import Foundation
public import Hummingbird

/// The routes the local cloud answers itself rather than with a function, as Hummingbird routes: the public documents
/// (the issuer's `/.well-known/jwks.json`, `/openapi.json`), the AWS JSON protocol endpoint on `POST /_aws`, and the
/// telemetry API, queue statistics and bus activity under ``TelemetryAPI/scope``, behind its access checks (`Host`, admin token,
/// `GET` only). Every answer carries an `apigw-requestid`; every error but the AWS endpoint's (which answers AWS's
/// error shapes) is a ``ProblemDetails``.
public struct LocalCloudRoutes: Sendable {
    /// JSON documents answered to `GET`, by path.
    public let publicDocuments: [String: Data]
    /// CORS for the public documents, as the gateway has for the functions' routes.
    public let cors: CORSConfiguration?
    /// The telemetry API, if the server has one.
    public let telemetryAPI: TelemetryAPI?
    /// The AWS JSON protocol endpoint, if the server has one.
    public let awsEndpoint: AWSJSONEndpoint?
    /// The queue statistics, served beside the telemetry API (and only with it), if the server has queues.
    public let queueStatistics: QueueStatisticsAPI?
    /// The events crossing the local bus, served beside the telemetry API (and only with it), if the server has a bus.
    public let busActivity: BusActivityAPI?

    /// Routes for `publicDocuments` (with `cors`, if any), `telemetryAPI`, `awsEndpoint`, `queueStatistics` and
    /// `busActivity`, if any.
    public init(
        publicDocuments: [String: Data] = [:], cors: CORSConfiguration? = nil, telemetryAPI: TelemetryAPI? = nil,
        awsEndpoint: AWSJSONEndpoint? = nil, queueStatistics: QueueStatisticsAPI? = nil,
        busActivity: BusActivityAPI? = nil
    ) {
        self.publicDocuments = publicDocuments
        self.cors = cors
        self.telemetryAPI = telemetryAPI
        self.awsEndpoint = awsEndpoint
        self.queueStatistics = queueStatistics
        self.busActivity = busActivity
    }

    /// Whether a request with `method` for `path` is one of these routes' rather than a function's: every path under
    /// the telemetry API's scope (whatever its method, so that each is checked by its access rules), and the public
    /// documents' paths for `GET`.
    public func claims(method: HTTPRequest.Method, path: String) -> Bool {
        (self.telemetryAPI != nil && TelemetryAPI.isInScope(path))
            || (method == .get && self.publicDocuments[path] != nil)
            || (self.awsEndpoint != nil && AWSJSONEndpoint.claims(method: method, path: path))
    }

    /// A router with these routes, for requests ``claims(method:path:)`` accepts.
    public func router<Context: RequestContext>(context: Context.Type = Context.self) -> Router<Context> {
        let router = Router(context: Context.self)
        router.add(middleware: ProblemAnsweringMiddleware())
        let documents = router.group()
        if let cors = self.cors { documents.add(middleware: CORSHeadersMiddleware(cors: cors)) }
        for (path, document) in self.publicDocuments {
            let body = ByteBuffer(bytes: document)
            documents.get(RouterPath(path)) { _, _ in
                Response(
                    status: .ok,
                    headers: [.contentType: "application/json", .cacheControl: "max-age=300"],
                    body: ResponseBody(byteBuffer: body)
                )
            }
        }
        if let awsEndpoint = self.awsEndpoint {
            // The router takes `/_aws/` as `/_aws`: one route serves both paths.
            router.post("/_aws") { request, _ in await awsEndpoint.respond(to: request) }
        }
        if let telemetryAPI = self.telemetryAPI {
            router.add(middleware: TelemetryAccessMiddleware(access: telemetryAPI.access))
            self.queueStatistics?.addRoutes(to: router)
            self.busActivity?.addRoutes(to: router)
            telemetryAPI.addRoutes(to: router)
        }
        return router
    }
}
