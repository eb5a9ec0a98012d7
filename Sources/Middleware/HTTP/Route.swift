public import Cloud
import LambdaEvents
public import LambdaRuntime

/// One route, declared once with its method, path, authorization, and the types of its body and answer, so that the
/// router, the local gateway and the OpenAPI document all read the same declaration.
public struct Route: Sendable, RankedRoute {
    public let method: RequestMethod
    public let path: PathTemplate
    public let authorization: RouteAuthorization
    /// The JSON body the route takes, if any.
    public let inputType: (any (Decodable & Sendable).Type)?
    /// The JSON body of a successful answer.
    public let outputType: any (Encodable & Sendable).Type
    /// Whether the route honours an `Idempotency-Key` header.
    public let isIdempotent: Bool
    /// What the route does, in a few words, for the API's documentation.
    public let summary: String?
    /// The status of a successful answer (a handler's ``APIResponse`` without a status gets it).
    public let successStatus: ResponseStatus
    /// The error statuses the handler itself answers with; those that follow from the declaration (a body, a token,
    /// idempotency) are in ``errorStatuses``.
    public let handlerErrorStatuses: [ResponseStatus]
    /// The query parameters the handler reads.
    public let queryParameters: [QueryParameter]
    let respond: nonisolated(nonsending) @Sendable (APIRequest, LambdaContext) async throws -> APIGatewayV2Response

    /// The route key API Gateway knows it by, e.g. `GET /orders/{id}`.
    public var routeKey: String { "\(self.method.rawValue) \(self.path.template)" }

    /// Every error status the route can answer with: the handler's own, and those its declaration implies.
    public var errorStatuses: [ResponseStatus] {
        var statuses = Set(self.handlerErrorStatuses)
        statuses.insert(.internalServerError)
        if self.inputType != nil {
            statuses.formUnion([.badRequest, .contentTooLarge, .unsupportedMediaType, .unprocessableContent])
        }
        if case .jwt(let scopes) = self.authorization {
            statuses.insert(.unauthorized)
            if !scopes.isEmpty { statuses.insert(.forbidden) }
        }
        if self.isIdempotent { statuses.formUnion([.badRequest, .conflict, .unprocessableContent]) }
        return statuses.sorted { $0.code < $1.code }
    }

    /// A route without a request body.
    ///
    /// With `idempotency`, a request that carries an `Idempotency-Key` header is answered at most once
    /// (see ``Idempotency/respond(to:context:operation:)``). `summary`, `status` (of a successful answer), `query`
    /// (the parameters the handler reads) and `errors` (the statuses the handler throws) describe the route in the
    /// API's documentation.
    public init<Output: Encodable & Sendable>(
        _ method: RequestMethod,
        _ path: String,
        authorization: RouteAuthorization = .none,
        idempotency: Idempotency? = nil,
        summary: String? = nil,
        status: ResponseStatus = .ok,
        query: [QueryParameter] = [],
        errors: [ResponseStatus] = [],
        handler:
            nonisolated(nonsending) @escaping @Sendable (APIRequest, LambdaContext) async throws -> APIResponse<
                Output
            >
    ) {
        self.init(
            method, path, authorization: authorization, idempotency: idempotency, summary: summary, status: status,
            query: query, errors: errors, inputType: nil, outputType: Output.self
        ) { request, context in
            try JSONResponseEncoding.response(try await handler(request, context), defaultStatus: status)
        }
    }

    /// A route whose JSON body is decoded as `Input` (and validated, when `Input` is ``Validatable``) before the
    /// handler runs.
    public init<Input: Decodable & Sendable, Output: Encodable & Sendable>(
        _ method: RequestMethod,
        _ path: String,
        authorization: RouteAuthorization = .none,
        idempotency: Idempotency? = nil,
        summary: String? = nil,
        status: ResponseStatus = .ok,
        body: Input.Type,
        errors: [ResponseStatus] = [],
        handler:
            nonisolated(nonsending) @escaping @Sendable (APIRequest, Input, LambdaContext) async throws ->
            APIResponse<Output>
    ) {
        self.init(
            method, path, authorization: authorization, idempotency: idempotency, summary: summary, status: status,
            query: [], errors: errors, inputType: Input.self, outputType: Output.self
        ) { request, context in
            let input = try RequestBodyDecoding.decode(Input.self, from: request)
            return try JSONResponseEncoding.response(try await handler(request, input, context), defaultStatus: status)
        }
    }

    private init(
        _ method: RequestMethod,
        _ path: String,
        authorization: RouteAuthorization,
        idempotency: Idempotency?,
        summary: String?,
        status: ResponseStatus,
        query: [QueryParameter],
        errors: [ResponseStatus],
        inputType: (any (Decodable & Sendable).Type)?,
        outputType: any (Encodable & Sendable).Type,
        respond:
            nonisolated(nonsending) @escaping @Sendable (APIRequest, LambdaContext) async throws ->
            APIGatewayV2Response
    ) {
        self.method = method
        self.path = PathTemplate(path)
        self.authorization = authorization
        self.inputType = inputType
        self.outputType = outputType
        self.isIdempotent = idempotency != nil
        self.summary = summary
        self.successStatus = status
        self.handlerErrorStatuses = errors
        self.queryParameters = query
        if let idempotency {
            self.respond = { request, context in
                try authorization.authorize(request)
                return try await idempotency.respond(to: request, context: context) {
                    try await respond(request, context)
                }
            }
        } else {
            self.respond = { request, context in
                try authorization.authorize(request)
                return try await respond(request, context)
            }
        }
    }
}
