// The HTTP API request read from a parsed tree, member for member as its `init(from:)` reads it, so the runtime
// skips JSONDecoder's keyed containers on every invocation (they cost about a sixth of a warm invocation).

extension APIGatewayV2Request: JSONValueDecodable {
    /// Reads the request from `json` with the defaults of `init(from:)`: a missing `rawQueryString` or `headers`
    /// reads as empty, a missing `isBase64Encoded` as `false`.
    ///
    /// - Throws: ``EventDecodingError`` when a required member (`version`, `routeKey`, `rawPath`, `requestContext`
    ///   and its own) is missing, or a member has the wrong JSON type.
    public init(json: JSONValue) throws(EventDecodingError) {
        let members = try JSONMembers(json, path: "")
        self.init(
            version: try members.string("version"),
            routeKey: try members.string("routeKey"),
            rawPath: try members.string("rawPath"),
            rawQueryString: try members.optionalString("rawQueryString") ?? "",
            cookies: try members.optionalStrings("cookies"),
            headers: Headers(try members.optionalStringMap("headers") ?? [:]),
            queryStringParameters: try members.optionalStringMap("queryStringParameters"),
            pathParameters: try members.optionalStringMap("pathParameters"),
            stageVariables: try members.optionalStringMap("stageVariables"),
            requestContext: try RequestContext(try members.object("requestContext")),
            body: try members.optionalString("body"),
            isBase64Encoded: try members.optionalBool("isBase64Encoded") ?? false
        )
    }
}

extension APIGatewayV2Request.RequestContext {
    fileprivate init(_ members: JSONMembers) throws(EventDecodingError) {
        self.init(
            accountId: try members.string("accountId"),
            apiId: try members.string("apiId"),
            authentication: try members.optionalObject("authentication").map {
                (members) throws(EventDecodingError) in
                APIGatewayV2Request.Authentication(
                    clientCert: try APIGatewayV2Request.ClientCertificate(try members.object("clientCert")))
            },
            authorizer: try members.optionalObject("authorizer").map {
                (members) throws(EventDecodingError) in try APIGatewayV2Request.Authorizer(members)
            },
            domainName: try members.string("domainName"),
            domainPrefix: try members.string("domainPrefix"),
            http: try APIGatewayV2Request.HTTP(try members.object("http")),
            requestId: try members.string("requestId"),
            routeKey: try members.string("routeKey"),
            stage: try members.string("stage"),
            time: try members.string("time"),
            timeEpoch: try members.int64("timeEpoch")
        )
    }
}

extension APIGatewayV2Request.HTTP {
    fileprivate init(_ members: JSONMembers) throws(EventDecodingError) {
        self.init(
            method: try members.string("method"),
            path: try members.string("path"),
            protocol: try members.string("protocol"),
            sourceIp: try members.string("sourceIp"),
            userAgent: try members.string("userAgent")
        )
    }
}

extension APIGatewayV2Request.ClientCertificate {
    init(_ members: JSONMembers) throws(EventDecodingError) {
        let validity = try members.object("validity")
        self.init(
            clientCertPem: try members.string("clientCertPem"),
            subjectDN: try members.string("subjectDN"),
            issuerDN: try members.string("issuerDN"),
            serialNumber: try members.string("serialNumber"),
            validity: Validity(notBefore: try validity.string("notBefore"), notAfter: try validity.string("notAfter"))
        )
    }
}

extension APIGatewayV2Request.Authorizer {
    init(_ members: JSONMembers) throws(EventDecodingError) {
        self.init(
            jwt: try members.optionalObject("jwt").map { (jwt) throws(EventDecodingError) in
                APIGatewayV2Request.JWT(
                    claims: try jwt.stringMap("claims"), scopes: try jwt.optionalStrings("scopes"))
            },
            lambda: try members.optionalValueMap("lambda"),
            iam: try members.optionalObject("iam").map { (iam) throws(EventDecodingError) in
                try APIGatewayV2Request.IAM(iam)
            }
        )
    }
}

extension APIGatewayV2Request.IAM {
    fileprivate init(_ members: JSONMembers) throws(EventDecodingError) {
        self.init(
            accessKey: try members.optionalString("accessKey"),
            accountId: try members.optionalString("accountId"),
            callerId: try members.optionalString("callerId"),
            cognitoIdentity: try members.optionalObject("cognitoIdentity").map {
                (identity) throws(EventDecodingError) in
                CognitoIdentity(
                    amr: try identity.strings("amr"),
                    identityId: try identity.string("identityId"),
                    identityPoolId: try identity.string("identityPoolId"))
            },
            principalOrgId: try members.optionalString("principalOrgId"),
            userArn: try members.optionalString("userArn"),
            userId: try members.optionalString("userId")
        )
    }
}
