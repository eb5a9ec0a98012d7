/// An API Gateway HTTP API request in payload format 2.0, as a Lambda integration receives it.
///
/// Header names arrive lower-cased, repeated headers and query keys comma-joined, and every `Cookie` header split
/// into ``cookies``. Optional parts that API Gateway leaves out stay `nil` and are left out again when encoded.
///
/// The members live behind one reference, copied when a shared request is changed: an invocation hands its request
/// to the middleware, the router and the handler, and each copy is one retain instead of one for every string.
public struct APIGatewayV2Request: Codable, Sendable, Equatable {
    /// The payload format version; API Gateway sends `2.0`.
    public var version: String {
        get { self.storage.members.version }
        set { self.members.version = newValue }
    }
    /// The route that matched, e.g. `GET /orders/{id}`, or `$default`.
    public var routeKey: String {
        get { self.storage.members.routeKey }
        set { self.members.routeKey = newValue }
    }
    /// The request path as the client sent it, still percent-encoded, without the query string.
    public var rawPath: String {
        get { self.storage.members.rawPath }
        set { self.members.rawPath = newValue }
    }
    /// The query string without the leading `?`, still percent-encoded; empty when there is none.
    public var rawQueryString: String {
        get { self.storage.members.rawQueryString }
        set { self.members.rawQueryString = newValue }
    }
    /// Every cookie of the request's `Cookie` headers as `name=value`; `nil` when there were none.
    public var cookies: [String]? {
        get { self.storage.members.cookies }
        set { self.members.cookies = newValue }
    }
    /// The request headers, names lower-cased, the values of a repeated header joined with commas.
    public var headers: Headers {
        get { self.storage.members.headers }
        set { self.members.headers = newValue }
    }
    /// The decoded query parameters, a repeated key's values joined with commas; `nil` when there are none.
    public var queryStringParameters: [String: String]? {
        get { self.storage.members.queryStringParameters }
        set { self.members.queryStringParameters = newValue }
    }
    /// The values of the route's path variables, e.g. `["id": "42"]` for `/orders/{id}`; `nil` when it has none.
    public var pathParameters: [String: String]? {
        get { self.storage.members.pathParameters }
        set { self.members.pathParameters = newValue }
    }
    /// The stage variables configured on the API stage; `nil` when there are none.
    public var stageVariables: [String: String]? {
        get { self.storage.members.stageVariables }
        set { self.members.stageVariables = newValue }
    }
    /// What API Gateway knows about the request beyond the HTTP message: account, API, caller and timing.
    public var requestContext: RequestContext {
        get { self.storage.members.requestContext }
        set { self.members.requestContext = newValue }
    }
    /// The raw body as API Gateway sent it: base64 when ``isBase64Encoded`` is set, text otherwise; `nil` without a
    /// body.
    public var body: String? {
        get { self.storage.members.body }
        set { self.members.body = newValue }
    }
    /// Whether ``body`` is base64-encoded, which API Gateway does for binary content types.
    public var isBase64Encoded: Bool {
        get { self.storage.members.isBase64Encoded }
        set { self.members.isBase64Encoded = newValue }
    }

    /// The shared members.
    private var storage: Storage

    /// Creates a request, e.g. for a test or a local gateway; the defaults are those of a request without query,
    /// headers or body.
    public init(
        version: String = "2.0",
        routeKey: String,
        rawPath: String,
        rawQueryString: String = "",
        cookies: [String]? = nil,
        headers: Headers = [:],
        queryStringParameters: [String: String]? = nil,
        pathParameters: [String: String]? = nil,
        stageVariables: [String: String]? = nil,
        requestContext: RequestContext,
        body: String? = nil,
        isBase64Encoded: Bool = false
    ) {
        self.storage = Storage(
            Members(
                version: version, routeKey: routeKey, rawPath: rawPath, rawQueryString: rawQueryString,
                cookies: cookies, headers: headers, queryStringParameters: queryStringParameters,
                pathParameters: pathParameters, stageVariables: stageVariables, requestContext: requestContext,
                body: body, isBase64Encoded: isBase64Encoded))
    }

    /// Decodes API Gateway's JSON; a missing `rawQueryString` or `headers` reads as empty, a missing `isBase64Encoded`
    /// as `false`.
    ///
    /// - Throws: `DecodingError` when a required field (`version`, `routeKey`, `rawPath`, `requestContext`) is missing
    ///   or mistyped.
    public init(from decoder: any Decoder) throws {
        self.storage = Storage(try Members(from: decoder))
    }

    /// Encodes the request as API Gateway's JSON, leaving out the optional parts that are `nil`.
    public func encode(to encoder: any Encoder) throws {
        try self.storage.members.encode(to: encoder)
    }

    /// Whether both requests have the same members.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.members == rhs.storage.members
    }

    /// The members to change: copied first when another request shares them.
    private var members: Members {
        get { self.storage.members }
        _modify {
            if !isKnownUniquelyReferenced(&self.storage) { self.storage = Storage(self.storage.members) }
            yield &self.storage.members
        }
    }

    /// The members of a request, as API Gateway's JSON names them.
    private struct Members: Codable, Sendable, Equatable {
        var version: String
        var routeKey: String
        var rawPath: String
        var rawQueryString: String
        var cookies: [String]?
        var headers: Headers
        var queryStringParameters: [String: String]?
        var pathParameters: [String: String]?
        var stageVariables: [String: String]?
        var requestContext: RequestContext
        var body: String?
        var isBase64Encoded: Bool

        init(
            version: String, routeKey: String, rawPath: String, rawQueryString: String, cookies: [String]?,
            headers: Headers, queryStringParameters: [String: String]?, pathParameters: [String: String]?,
            stageVariables: [String: String]?, requestContext: RequestContext, body: String?, isBase64Encoded: Bool
        ) {
            self.version = version
            self.routeKey = routeKey
            self.rawPath = rawPath
            self.rawQueryString = rawQueryString
            self.cookies = cookies
            self.headers = headers
            self.queryStringParameters = queryStringParameters
            self.pathParameters = pathParameters
            self.stageVariables = stageVariables
            self.requestContext = requestContext
            self.body = body
            self.isBase64Encoded = isBase64Encoded
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.version = try container.decode(String.self, forKey: .version)
            self.routeKey = try container.decode(String.self, forKey: .routeKey)
            self.rawPath = try container.decode(String.self, forKey: .rawPath)
            self.rawQueryString = try container.decodeIfPresent(String.self, forKey: .rawQueryString) ?? ""
            self.cookies = try container.decodeIfPresent([String].self, forKey: .cookies)
            self.headers = try container.decodeIfPresent(Headers.self, forKey: .headers) ?? [:]
            self.queryStringParameters = try container.decodeIfPresent(
                [String: String].self, forKey: .queryStringParameters)
            self.pathParameters = try container.decodeIfPresent([String: String].self, forKey: .pathParameters)
            self.stageVariables = try container.decodeIfPresent([String: String].self, forKey: .stageVariables)
            self.requestContext = try container.decode(RequestContext.self, forKey: .requestContext)
            self.body = try container.decodeIfPresent(String.self, forKey: .body)
            self.isBase64Encoded = try container.decodeIfPresent(Bool.self, forKey: .isBase64Encoded) ?? false
        }
    }

    /// The one reference to a request's members. Unchecked: the members change only through ``members``, which
    /// copies them first when the reference is shared, so a value other requests (or threads) see never changes.
    private final class Storage: @unchecked Sendable {
        var members: Members

        init(_ members: Members) {
            self.members = members
        }
    }
}

extension APIGatewayV2Request {
    /// What API Gateway knows about the request beyond its HTTP message.
    public struct RequestContext: Codable, Sendable, Equatable {
        /// The AWS account ID that owns the API, 12 digits.
        public var accountId: String
        /// The identifier API Gateway gave the API, the first label of its default domain name.
        public var apiId: String
        /// The client certificate of a mutual-TLS request; `nil` without mutual TLS.
        public var authentication: Authentication?
        /// What the route's authorizer established about the caller; `nil` on a route without an authorizer.
        public var authorizer: Authorizer?
        /// The host name the client called, e.g. `id.execute-api.eu-west-1.amazonaws.com`.
        public var domainName: String
        /// The first label of ``domainName``.
        public var domainPrefix: String
        /// The method, path, protocol, source IP and user agent of the request.
        public var http: HTTP
        /// The identifier API Gateway gave this request; it also answers it in the `apigw-requestid` header.
        public var requestId: String
        /// The route that matched, the same as the request's top-level `routeKey`.
        public var routeKey: String
        /// The stage that served the request, `$default` unless the API has named stages.
        public var stage: String
        /// The request time in API Gateway's CLF form, e.g. `12/Mar/2020:19:03:58 +0000`.
        public var time: String
        /// The request time in milliseconds since the Unix epoch.
        public var timeEpoch: Int64

        /// Creates a request context; `time` is in API Gateway's CLF form and `timeEpoch` in milliseconds since the
        /// Unix epoch.
        public init(
            accountId: String,
            apiId: String,
            authentication: Authentication? = nil,
            authorizer: Authorizer? = nil,
            domainName: String,
            domainPrefix: String,
            http: HTTP,
            requestId: String,
            routeKey: String,
            stage: String = "$default",
            time: String,
            timeEpoch: Int64
        ) {
            self.accountId = accountId
            self.apiId = apiId
            self.authentication = authentication
            self.authorizer = authorizer
            self.domainName = domainName
            self.domainPrefix = domainPrefix
            self.http = http
            self.requestId = requestId
            self.routeKey = routeKey
            self.stage = stage
            self.time = time
            self.timeEpoch = timeEpoch
        }
    }

    /// The HTTP facts of the request as API Gateway saw them.
    public struct HTTP: Codable, Sendable, Equatable {
        /// The HTTP method in upper case, e.g. `GET`.
        public var method: String
        /// The request path, including the stage when the stage is not `$default`.
        public var path: String
        /// The HTTP version the client spoke, e.g. `HTTP/1.1`.
        public var `protocol`: String
        /// The IP address of the immediate client (the last proxy when there is one).
        public var sourceIp: String
        /// The `User-Agent` header the client sent; empty without one.
        public var userAgent: String

        /// Creates the HTTP facts of a request.
        public init(method: String, path: String, protocol: String, sourceIp: String, userAgent: String) {
            self.method = method
            self.path = path
            self.protocol = `protocol`
            self.sourceIp = sourceIp
            self.userAgent = userAgent
        }
    }

    /// Mutual TLS details, present when the API requires client certificates.
    public struct Authentication: Codable, Sendable, Equatable {
        /// The certificate the client presented in the TLS handshake.
        public var clientCert: ClientCertificate

        /// Creates the mutual-TLS details of a request.
        public init(clientCert: ClientCertificate) {
            self.clientCert = clientCert
        }
    }

    /// The client certificate presented in a mutual TLS handshake.
    public struct ClientCertificate: Codable, Sendable, Equatable {
        /// The client certificate in PEM form.
        public var clientCertPem: String
        /// The distinguished name of the certificate's subject.
        public var subjectDN: String
        /// The distinguished name of the certificate's issuer.
        public var issuerDN: String
        /// The certificate's serial number as API Gateway prints it.
        public var serialNumber: String
        /// The period in which the certificate is valid.
        public var validity: Validity

        /// Creates the details of a client certificate.
        public init(
            clientCertPem: String, subjectDN: String, issuerDN: String, serialNumber: String, validity: Validity
        ) {
            self.clientCertPem = clientCertPem
            self.subjectDN = subjectDN
            self.issuerDN = issuerDN
            self.serialNumber = serialNumber
            self.validity = validity
        }

        /// The period in which the certificate is valid, as the certificate states it.
        public struct Validity: Codable, Sendable, Equatable {
            /// The start of the validity period, as API Gateway formats it, e.g. `Aug  5 09:27:46 2026 GMT`.
            public var notBefore: String
            /// The end of the validity period, in the same form as ``notBefore``.
            public var notAfter: String

            /// Creates a validity period from API Gateway's date strings.
            public init(notBefore: String, notAfter: String) {
                self.notBefore = notBefore
                self.notAfter = notAfter
            }
        }
    }

    /// What the route's authorizer established about the caller: JWT claims, a Lambda authorizer's context, or IAM.
    public struct Authorizer: Codable, Sendable, Equatable {
        /// The claims and scopes of the verified token, set by a JWT authorizer.
        public var jwt: JWT?
        /// The context a Lambda authorizer returned, set by a Lambda authorizer.
        public var lambda: [String: JSONValue]?
        /// The SigV4 caller's identity, set by IAM authorization.
        public var iam: IAM?

        /// Creates authorizer output; normally exactly one of `jwt`, `lambda` and `iam` is set.
        public init(jwt: JWT? = nil, lambda: [String: JSONValue]? = nil, iam: IAM? = nil) {
            self.jwt = jwt
            self.lambda = lambda
            self.iam = iam
        }
    }

    /// The verified token's claims (every value as a string, as API Gateway passes them) and its scopes.
    public struct JWT: Codable, Sendable, Equatable {
        /// The token's claims by name; API Gateway turns every value, arrays and numbers too, into a string.
        public var claims: [String: String]
        /// The token's scopes, from its `scope` or `scp` claim; `nil` when it has none.
        public var scopes: [String]?

        /// Creates the JWT authorizer output for the given claims and scopes.
        public init(claims: [String: String], scopes: [String]? = nil) {
            self.claims = claims
            self.scopes = scopes
        }
    }

    /// The IAM identity of a caller that signed the request with SigV4.
    public struct IAM: Codable, Sendable, Equatable {
        /// The access key ID that signed the request.
        public var accessKey: String?
        /// The AWS account ID of the caller.
        public var accountId: String?
        /// The principal identifier of the caller.
        public var callerId: String?
        /// The Cognito identity behind the credentials, when they came from an identity pool.
        public var cognitoIdentity: CognitoIdentity?
        /// The identifier of the AWS Organization the caller's account belongs to.
        public var principalOrgId: String?
        /// The ARN of the IAM user or role that signed the request.
        public var userArn: String?
        /// The unique identifier of the IAM user or role that signed the request.
        public var userId: String?

        /// Creates an IAM caller identity; every field is optional, as in API Gateway's payload.
        public init(
            accessKey: String? = nil,
            accountId: String? = nil,
            callerId: String? = nil,
            cognitoIdentity: CognitoIdentity? = nil,
            principalOrgId: String? = nil,
            userArn: String? = nil,
            userId: String? = nil
        ) {
            self.accessKey = accessKey
            self.accountId = accountId
            self.callerId = callerId
            self.cognitoIdentity = cognitoIdentity
            self.principalOrgId = principalOrgId
            self.userArn = userArn
            self.userId = userId
        }

        /// The Cognito identity pool identity behind IAM credentials.
        public struct CognitoIdentity: Codable, Sendable, Equatable {
            /// The authentication methods references, e.g. `authenticated` and the provider that signed the user in.
            public var amr: [String]
            /// The Cognito identity ID, `region:uuid`.
            public var identityId: String
            /// The identity pool ID, `region:uuid`.
            public var identityPoolId: String

            /// Creates a Cognito identity.
            public init(amr: [String], identityId: String, identityPoolId: String) {
                self.amr = amr
                self.identityId = identityId
                self.identityPoolId = identityPoolId
            }
        }
    }
}
