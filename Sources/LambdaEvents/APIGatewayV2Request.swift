/// An API Gateway HTTP API request in payload format 2.0, as a Lambda integration receives it.
///
/// Header names arrive lower-cased, repeated headers and query keys comma-joined, and every `Cookie` header split
/// into ``cookies``. Optional parts that API Gateway leaves out stay `nil` and are left out again when encoded.
public struct APIGatewayV2Request: Codable, Sendable, Equatable {
    public var version: String
    public var routeKey: String
    public var rawPath: String
    public var rawQueryString: String
    public var cookies: [String]?
    public var headers: [String: String]
    public var queryStringParameters: [String: String]?
    public var pathParameters: [String: String]?
    public var stageVariables: [String: String]?
    public var requestContext: RequestContext
    public var body: String?
    public var isBase64Encoded: Bool

    public init(
        version: String = "2.0",
        routeKey: String,
        rawPath: String,
        rawQueryString: String = "",
        cookies: [String]? = nil,
        headers: [String: String] = [:],
        queryStringParameters: [String: String]? = nil,
        pathParameters: [String: String]? = nil,
        stageVariables: [String: String]? = nil,
        requestContext: RequestContext,
        body: String? = nil,
        isBase64Encoded: Bool = false
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

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.version = try container.decode(String.self, forKey: .version)
        self.routeKey = try container.decode(String.self, forKey: .routeKey)
        self.rawPath = try container.decode(String.self, forKey: .rawPath)
        self.rawQueryString = try container.decodeIfPresent(String.self, forKey: .rawQueryString) ?? ""
        self.cookies = try container.decodeIfPresent([String].self, forKey: .cookies)
        self.headers = try container.decodeIfPresent([String: String].self, forKey: .headers) ?? [:]
        self.queryStringParameters = try container.decodeIfPresent([String: String].self, forKey: .queryStringParameters)
        self.pathParameters = try container.decodeIfPresent([String: String].self, forKey: .pathParameters)
        self.stageVariables = try container.decodeIfPresent([String: String].self, forKey: .stageVariables)
        self.requestContext = try container.decode(RequestContext.self, forKey: .requestContext)
        self.body = try container.decodeIfPresent(String.self, forKey: .body)
        self.isBase64Encoded = try container.decodeIfPresent(Bool.self, forKey: .isBase64Encoded) ?? false
    }
}

extension APIGatewayV2Request {
    /// What API Gateway knows about the request beyond its HTTP message.
    public struct RequestContext: Codable, Sendable, Equatable {
        public var accountId: String
        public var apiId: String
        public var authentication: Authentication?
        public var authorizer: Authorizer?
        public var domainName: String
        public var domainPrefix: String
        public var http: HTTP
        public var requestId: String
        public var routeKey: String
        public var stage: String
        /// The request time in API Gateway's CLF form, e.g. `12/Mar/2020:19:03:58 +0000`.
        public var time: String
        /// The request time in milliseconds since the Unix epoch.
        public var timeEpoch: Int64

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
        public var method: String
        public var path: String
        public var `protocol`: String
        public var sourceIp: String
        public var userAgent: String

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
        public var clientCert: ClientCertificate

        public init(clientCert: ClientCertificate) {
            self.clientCert = clientCert
        }
    }

    /// The client certificate presented in a mutual TLS handshake.
    public struct ClientCertificate: Codable, Sendable, Equatable {
        public var clientCertPem: String
        public var subjectDN: String
        public var issuerDN: String
        public var serialNumber: String
        public var validity: Validity

        public init(clientCertPem: String, subjectDN: String, issuerDN: String, serialNumber: String, validity: Validity) {
            self.clientCertPem = clientCertPem
            self.subjectDN = subjectDN
            self.issuerDN = issuerDN
            self.serialNumber = serialNumber
            self.validity = validity
        }

        /// The period in which the certificate is valid, as the certificate states it.
        public struct Validity: Codable, Sendable, Equatable {
            public var notBefore: String
            public var notAfter: String

            public init(notBefore: String, notAfter: String) {
                self.notBefore = notBefore
                self.notAfter = notAfter
            }
        }
    }

    /// What the route's authorizer established about the caller: JWT claims, a Lambda authorizer's context, or IAM.
    public struct Authorizer: Codable, Sendable, Equatable {
        public var jwt: JWT?
        public var lambda: [String: JSONValue]?
        public var iam: IAM?

        public init(jwt: JWT? = nil, lambda: [String: JSONValue]? = nil, iam: IAM? = nil) {
            self.jwt = jwt
            self.lambda = lambda
            self.iam = iam
        }
    }

    /// The verified token's claims (every value as a string, as API Gateway passes them) and its scopes.
    public struct JWT: Codable, Sendable, Equatable {
        public var claims: [String: String]
        public var scopes: [String]?

        public init(claims: [String: String], scopes: [String]? = nil) {
            self.claims = claims
            self.scopes = scopes
        }
    }

    /// The IAM identity of a caller that signed the request with SigV4.
    public struct IAM: Codable, Sendable, Equatable {
        public var accessKey: String?
        public var accountId: String?
        public var callerId: String?
        public var cognitoIdentity: CognitoIdentity?
        public var principalOrgId: String?
        public var userArn: String?
        public var userId: String?

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
            public var amr: [String]
            public var identityId: String
            public var identityPoolId: String

            public init(amr: [String], identityId: String, identityPoolId: String) {
                self.amr = amr
                self.identityId = identityId
                self.identityPoolId = identityPoolId
            }
        }
    }
}
