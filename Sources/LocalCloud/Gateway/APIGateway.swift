public import Cloud
import Foundation
import HTTPTypes
import Identifiers
import LambdaEvents
public import LambdaRuntime
import NIOCore

/// The local API gateway: routes HTTP requests to the manifest's functions as HTTP API payload 2.0 events, invokes
/// them in-process with a proper `LambdaContext`, and maps their answers back, with API Gateway's limits: the
/// function's timeout (504), its reserved concurrency (429), the 10 MB request limit (413), the 10,240 bytes of
/// request line and header values (431), and an
/// `apigw-requestid` on every answer. With a telemetry recorder it traces each request (``GatewayTracing``),
/// records each invocation and captures every line the functions write, as CloudWatch and X-Ray would.
public final class APIGateway: Sendable {
    /// API Gateway's largest request payload: 10 MB.
    public static let maximumRequestBytes = 10 * 1024 * 1024
    /// API Gateway's limit on the request line and the header values together (an HTTP API's quota, which cannot be
    /// raised): a longer request is answered 431 before it is routed.
    public static let maximumHeadBytes = 10_240
    /// The statuses a function may answer; HTTP has no others.
    static let validStatusCodes = 100...599
    /// `Set-Cookie` in lower case, as API Gateway writes it.
    private static let setCookie = HTTPField.Name("set-cookie")!

    public let routes: GatewayRouteTable
    /// How busy the gateway is, for the work that waits while it is saturated (the outbox relay's).
    public let load = GatewayLoad()
    private let instances: [String: InProcessFunctionInstance]
    /// Every function's instance by name, for the local cloud's other callers (queue pollers, the bus, schedules).
    public var functionInstances: [String: any FunctionInstance] { self.instances }
    private let limiters: [String: ConcurrencyLimiter]
    private let eventBuilder: APIGatewayEventBuilder
    private let authorizer: JWTAuthorizer?
    private let cors: CORSConfiguration?
    private let recorder: TelemetryRecorder?
    private let tracing: GatewayTracing?
    /// The ports' clock: the time requests are received at and tokens checked against.
    private let clock: any Clock

    /// A gateway for every HTTP route of `manifest`, its functions built with `ports` and started with
    /// `environment`; their logs go to `logSink`.
    /// Routes that need a token are refused (401) unless `authorizer` accepts the caller's.
    /// With `cors`, the gateway answers preflights itself and adds the CORS headers to every answer, as API Gateway
    /// does when CORS is configured. With `recorder`, function lines and invocations are recorded there, and with
    /// `tracing` each request is traced.
    public init(
        manifest: AppManifest,
        ports: CloudPorts,
        environment: [String: String] = [:],
        logSink: any LogSink,
        authorizer: JWTAuthorizer? = nil,
        cors: CORSConfiguration? = nil,
        recorder: TelemetryRecorder? = nil,
        tracing: GatewayTracing? = nil,
        eventBuilder: APIGatewayEventBuilder = APIGatewayEventBuilder()
    ) {
        self.routes = GatewayRouteTable(manifest)
        var instances: [String: InProcessFunctionInstance] = [:]
        var limiters: [String: ConcurrencyLimiter] = [:]
        for function in manifest.functions {
            instances[function.name] = InProcessFunctionInstance(
                function: function,
                metadata: FunctionMetadata(name: function.name, memoryLimitInMB: function.memoryMB),
                environment: environment,
                ports: ports,
                logSink: recorder?.capturing(function.name, forwardingTo: logSink) ?? logSink
            )
            if let reserved = function.reservedConcurrency {
                limiters[function.name] = ConcurrencyLimiter(limit: reserved)
            }
        }
        self.instances = instances
        self.limiters = limiters
        self.eventBuilder = eventBuilder
        self.authorizer = authorizer
        self.cors = cors
        self.recorder = recorder
        self.tracing = tracing
        self.clock = ports.clock
    }

    /// The 501 for a request whose body comes in a transfer coding the gateway cannot read (anything but `chunked`),
    /// before anything reads it: a proxy in front that reads the coding another way could otherwise slip a second
    /// request inside the body. It asks the client to close the connection. `nil` for a request without one.
    static func refusal(transferEncoding: String?) -> GatewayResponse? {
        guard let transferEncoding, transferEncoding.lowercased() != "chunked" else { return nil }
        var refusal = GatewayResponse(GatewayError.unsupportedTransferEncoding, requestID: Self.makeRequestID())
        refusal.headers[.connection] = "close"
        return refusal
    }

    /// Answers one HTTP request whose body has already been read.
    public func handle(_ request: GatewayRequest) async -> GatewayResponse {
        await self.handle(request) { maximumBytes in request.body.count <= maximumBytes ? request.body : nil }
    }

    /// Answers one HTTP request, reading its body only once it is routed and authorized: a request to no route,
    /// without a valid token, or announcing a body over ``maximumRequestBytes``, is refused without a byte of its
    /// body being buffered.
    ///
    /// - Parameters:
    ///   - request: The request without its body (its `body` is replaced by what `readBody` reads).
    ///   - readBody: Reads the whole body, or answers `nil` when it is over `maximumBytes` (a 413).
    public func handle(
        _ request: GatewayRequest,
        readingBody readBody: (_ maximumBytes: Int) async -> [UInt8]?
    ) async -> GatewayResponse {
        self.load.begin()
        defer { self.load.end() }
        guard Self.headBytes(of: request) <= Self.maximumHeadBytes else {
            return GatewayResponse(
                GatewayError.headersTooLarge(limitBytes: Self.maximumHeadBytes), requestID: Self.makeRequestID())
        }
        let origin = request.headers.value(of: .origin)
        guard let cors = self.cors, let origin else { return await self.answer(request, readingBody: readBody) }
        let isPreflight =
            request.method.requestMethod.folded == .options
            && request.headers.contains(.accessControlRequestMethod)
        if isPreflight {
            let methods = self.routes.methods(forPath: request.path)
            guard !methods.isEmpty else {
                return GatewayResponse(GatewayError.noRoute(request.path), requestID: Self.makeRequestID())
            }
            var headers = Self.fields(cors.preflightHeaders(origin: origin, methods: methods.map(\.rawValue)))
            headers[.apigwRequestID] = Self.makeRequestID()
            return GatewayResponse(status: .noContent, headers: headers)
        }
        var response = await self.answer(request, readingBody: readBody)
        for field in Self.fields(cors.responseHeaders(origin: origin)) {
            response.headers[field.name] = field.value
        }
        return response
    }

    /// The bytes of `request`'s request line (`METHOD target HTTP/1.1`) and of its header values, as API Gateway
    /// counts them against ``maximumHeadBytes``.
    static func headBytes(of request: GatewayRequest) -> Int {
        var count = request.method.rawValue.utf8.count + request.path.utf8.count + " HTTP/1.1".utf8.count + 1
        if !request.rawQueryString.isEmpty { count += 1 + request.rawQueryString.utf8.count }
        for field in request.headers { count += field.value.utf8.count }
        return count
    }

    private func answer(
        _ request: GatewayRequest,
        readingBody readBody: (_ maximumBytes: Int) async -> [UInt8]?
    ) async -> GatewayResponse {
        guard let tracing = self.tracing else { return await self.answer(request, readingBody: readBody, trace: nil) }
        let trace = tracing.begin(request)
        var response = await self.answer(request, readingBody: readBody, trace: trace)
        trace.end(status: response.status.code)
        response.headers[.amznTraceID] = trace.header.description
        return response
    }

    private func answer(
        _ request: GatewayRequest,
        readingBody readBody: (_ maximumBytes: Int) async -> [UInt8]?,
        trace: GatewayTrace?
    ) async -> GatewayResponse {
        var request = request
        let requestID = Self.makeRequestID()
        guard
            let (route, parameters) = self.routes.route(
                method: request.method.requestMethod.folded, path: request.path),
            let instance = self.instances[route.functionName]
        else {
            return GatewayResponse(GatewayError.noRoute("\(request.method) \(request.path)"), requestID: requestID)
        }
        let receivedAt = self.clock.nowMilliseconds
        let authorizer: APIGatewayV2Request.Authorizer?
        do throws(JWTValidationError) {
            authorizer = try self.authorize(request, for: route, nowSeconds: receivedAt / 1000)
        } catch {
            return GatewayResponse(error, requestID: requestID)
        }
        // Read before a concurrency slot is taken, so that a slow body cannot hold one; a body announced as too
        // large is refused without being read.
        let announcedBytes = request.headers.value(of: .contentLength).flatMap { Int($0) } ?? 0
        guard announcedBytes <= Self.maximumRequestBytes, let body = await readBody(Self.maximumRequestBytes) else {
            return GatewayResponse(
                GatewayError.bodyTooLarge(limitBytes: Self.maximumRequestBytes), requestID: requestID)
        }
        request.body = body
        let limiter = self.limiters[route.functionName]
        if let limiter, !limiter.tryAcquire() {
            self.recorder?.record(
                InvocationRecord(
                    timeMilliseconds: receivedAt, function: route.functionName, durationMicroseconds: 0,
                    outcome: .throttle, isColdStart: false
                ))
            return GatewayResponse(
                GatewayError.throttled(function: route.functionName, limit: limiter.limit), requestID: requestID)
        }
        defer { limiter?.release() }

        let event = self.eventBuilder.event(
            for: request, route: route, pathParameters: parameters, requestID: requestID,
            receivedAtMilliseconds: receivedAt, authorizer: authorizer
        )
        let invocation = trace?.invoking(route.functionName, arn: instance.functionARN)
        let isColdStart = !instance.isInitialized
        let started = ContinuousClock.now
        let result = await instance.invoke(
            value: event, requestID: RandomUUID.make(), traceID: invocation?.header.description)
        let failure = Self.failure(of: result)
        invocation?.end(failure: failure)
        self.recorder?.record(
            InvocationRecord(
                timeMilliseconds: receivedAt, function: route.functionName,
                durationMicroseconds: (ContinuousClock.now - started).wholeMicroseconds,
                outcome: failure == nil ? .success : .error, isColdStart: isColdStart
            ))
        switch result {
        case .value(let answer as APIGatewayV2Response):
            return Self.response(for: answer, requestID: requestID)
        case .value(let other):
            // Any other output reaches API Gateway as JSON, and is read as its plain-JSON shortcut.
            guard let encodable = other as? any Encodable, let bytes = try? JSONEncoder().encode(encodable) else {
                return Self.malformedAnswer(requestID: requestID)
            }
            return Self.response(for: .response(ByteBuffer(bytes: bytes)), requestID: requestID)
        case .outcome(let outcome):
            return Self.response(for: outcome, requestID: requestID)
        }
    }

    /// The function's error or timeout, if the invocation ended in one.
    private static func failure(of result: InvocationValueOutcome) -> LambdaFunctionError? {
        if case .outcome(.error(let report)) = result { return report }
        return nil
    }

    /// What the JWT authorizer established for a route that needs a token; `nil` for routes open to anyone.
    private func authorize(
        _ request: GatewayRequest,
        for route: GatewayRoute,
        nowSeconds: Int64
    ) throws(JWTValidationError) -> APIGatewayV2Request.Authorizer? {
        guard case .jwt(let scopes) = route.authorization else { return nil }
        guard let authorizer = self.authorizer else { throw .invalidToken("no token issuer is configured") }
        let header = request.headers.value(of: .authorization)
        let jwt = try authorizer.authorize(authorization: header, requiredScopes: scopes, nowSeconds: nowSeconds)
        return APIGatewayV2Request.Authorizer(jwt: jwt)
    }

    /// Stops every function instance.
    public func shutdown() async {
        for instance in self.instances.values {
            await instance.shutdown()
        }
    }

    private static func response(for outcome: InvocationOutcome, requestID: String) -> GatewayResponse {
        switch outcome {
        case .error(let report) where report.errorType == LambdaFunctionError.timeoutErrorType:
            return GatewayResponse(GatewayError.functionTimedOut, requestID: requestID)
        case .error:
            return GatewayResponse(GatewayError.functionFailed, requestID: requestID)
        case .response(let buffer):
            guard let answer = try? APIGatewayV2Response(lambdaOutput: buffer.readableBytesView) else {
                return Self.malformedAnswer(requestID: requestID)
            }
            return Self.response(for: answer, requestID: requestID)
        }
    }

    /// The client's answer for the function's HTTP API response; a status HTTP cannot carry is a 502, as API Gateway
    /// answers a malformed integration response.
    private static func response(for answer: APIGatewayV2Response, requestID: String) -> GatewayResponse {
        guard Self.validStatusCodes.contains(answer.statusCode) else {
            return GatewayResponse(GatewayError.invalidStatus(answer.statusCode), requestID: requestID)
        }
        guard let body = answer.bodyBytes() else { return Self.malformedAnswer(requestID: requestID) }
        guard body.count <= LambdaLimits.maxResponseBytes else {
            return GatewayResponse(GatewayError.answerTooLarge, requestID: requestID)
        }
        var headers = Self.fields(answer.headers ?? [:], reservingExtra: (answer.cookies?.count ?? 0) + 1)
        for cookie in answer.cookies ?? [] {
            headers.append(HTTPField(name: Self.setCookie, value: cookie))
        }
        headers.append(HTTPField(name: .apigwRequestID, value: requestID))
        return GatewayResponse(status: HTTPResponse.Status(code: answer.statusCode), headers: headers, body: body)
    }

    /// `headers` as header fields, sorted by name (a dictionary has no order of its own), with room for
    /// `reservingExtra` more; a name that is not an HTTP field name is left out, as it could not be sent.
    private static func fields(_ headers: [String: String], reservingExtra extra: Int = 0) -> HTTPFields {
        var fields = HTTPFields()
        fields.reserveCapacity(headers.count + extra)
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        return fields
    }

    private static func malformedAnswer(requestID: String) -> GatewayResponse {
        GatewayResponse(GatewayError.malformedAnswer, requestID: requestID)
    }

    /// An id in the shape API Gateway gives its requests (`apigw-requestid`): 11 random bytes in URL-safe base64,
    /// e.g. `dGhpcyBpcyBhbg=`. Encoded by hand, as every request needs one.
    static func makeRequestID() -> String {
        let (high, low) = RandomBits.next128()
        /// The id's byte at `index`, and zero past its eleventh.
        func byte(_ index: Int) -> UInt32 {
            guard index < 11 else { return 0 }
            return UInt32(UInt8(truncatingIfNeeded: (index < 8 ? high : low) >> UInt64(8 * (index % 8))))
        }
        let alphabet = Self.requestIDAlphabet
        return String(unsafeUninitializedCapacity: 16) { output in
            // Three groups of three bytes make twelve characters; the last two bytes make three and a pad.
            for group in 0..<4 {
                let first = group * 3
                let value = byte(first) << 16 | byte(first + 1) << 8 | byte(first + 2)
                let characters = group < 3 ? 4 : 3
                for offset in 0..<characters {
                    output[group * 4 + offset] = alphabet[Int((value >> UInt32(18 - 6 * offset)) & 0x3F)]
                }
            }
            output[15] = UInt8(ascii: "=")
            return 16
        }
    }

    private static let requestIDAlphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)
}
