// The HTTP API request read straight from its JSON text, for the runtime's every invocation: no tree of the event,
// no dictionary for its objects but the maps it keeps (headers, parameters). Only a request whose every member has
// the expected type is read so; anything else is read from the parsed tree (`init(json:)`), whose errors name the
// member at fault, so both ways give the same request or the same error.

extension APIGatewayV2Request {
    /// Parses `bytes` and reads the request, straight from the text when it is well formed.
    ///
    /// - Throws: ``EventDecodingError/Code/notJSON`` when `bytes` is not one JSON value; otherwise as
    ///   ``init(json:)``.
    public init(jsonBytes bytes: [UInt8]) throws(EventDecodingError) {
        if let request = Self.read(straightFrom: bytes) {
            self = request
            return
        }
        guard let value = JSONValue(parsing: bytes) else { throw EventDecodingError(.notJSON, path: "") }
        try self.init(json: value)
    }

    /// The request read from its text without a tree; `nil` when the text is anything but a well-formed request
    /// whose members all have their expected types (the tree's reading then says what is wrong).
    package static func read(straightFrom bytes: [UInt8]) -> APIGatewayV2Request? {
        var reader = JSONReader(bytes: bytes)
        guard let request = Self(reading: &reader), reader.finish() else { return nil }
        return request
    }

    /// The request the reader walks, or `nil` when a required member is missing or the reader failed.
    private init?(reading reader: inout JSONReader) {
        var version: String?
        var routeKey: String?
        var rawPath: String?
        var rawQueryString: String?
        var cookies: [String]?
        var headers: JSONStringMap?
        var queryStringParameters: [String: String]?
        var pathParameters: [String: String]?
        var stageVariables: [String: String]?
        var requestContext: RequestContext?
        var body: String?
        var isBase64Encoded: Bool?
        reader.members { reader, key in
            switch key {
            case "version": version = reader.string()
            case "routeKey": routeKey = reader.string()
            case "rawPath": rawPath = reader.string()
            case "rawQueryString": rawQueryString = reader.string()
            case "cookies": cookies = reader.strings()
            case "headers": headers = reader.stringMapKeepingText()
            case "queryStringParameters": queryStringParameters = reader.stringMap()
            case "pathParameters": pathParameters = reader.stringMap()
            case "stageVariables": stageVariables = reader.stringMap()
            case "requestContext": requestContext = RequestContext(reading: &reader)
            case "body": body = reader.string()
            case "isBase64Encoded": isBase64Encoded = reader.bool()
            default: _ = reader.value()
            }
        }
        guard !reader.failed, let version, let routeKey, let rawPath, let requestContext else { return nil }
        self.init(
            version: version, routeKey: routeKey, rawPath: rawPath, rawQueryString: rawQueryString ?? "",
            cookies: cookies, headers: headers.map(Headers.init) ?? [:], queryStringParameters: queryStringParameters,
            pathParameters: pathParameters, stageVariables: stageVariables, requestContext: requestContext,
            body: body, isBase64Encoded: isBase64Encoded ?? false)
    }
}

extension APIGatewayV2Request.RequestContext {
    /// The request context the reader walks; `nil` for `null`, a missing member or a failed reader. Its rarer
    /// members (`authentication`, `authorizer`) are read as trees, as `init(json:)` reads them.
    fileprivate init?(reading reader: inout JSONReader) {
        var accountId: String?
        var apiId: String?
        var authentication: APIGatewayV2Request.Authentication?
        var authorizer: APIGatewayV2Request.Authorizer?
        var domainName: String?
        var domainPrefix: String?
        var http: APIGatewayV2Request.HTTP?
        var requestId: String?
        var routeKey: String?
        var stage: String?
        var time: String?
        var timeEpoch: Int64?
        let walked = reader.members { reader, key in
            switch key {
            case "accountId": accountId = reader.string()
            case "apiId": apiId = reader.string()
            case "authentication":
                authentication = reader.tree(at: "requestContext.authentication") {
                    (members) throws(EventDecodingError) in
                    APIGatewayV2Request.Authentication(
                        clientCert: try APIGatewayV2Request.ClientCertificate(try members.object("clientCert")))
                }
            case "authorizer":
                authorizer = reader.tree(at: "requestContext.authorizer") { (members) throws(EventDecodingError) in
                    try APIGatewayV2Request.Authorizer(members)
                }
            case "domainName": domainName = reader.string()
            case "domainPrefix": domainPrefix = reader.string()
            case "http": http = APIGatewayV2Request.HTTP(reading: &reader)
            case "requestId": requestId = reader.string()
            case "routeKey": routeKey = reader.string()
            case "stage": stage = reader.string()
            case "time": time = reader.string()
            case "timeEpoch": timeEpoch = reader.int64()
            default: _ = reader.value()
            }
        }
        guard walked, let accountId, let apiId, let domainName, let domainPrefix, let http, let requestId,
            let routeKey, let stage, let time, let timeEpoch
        else { return nil }
        self.init(
            accountId: accountId, apiId: apiId, authentication: authentication, authorizer: authorizer,
            domainName: domainName, domainPrefix: domainPrefix, http: http, requestId: requestId, routeKey: routeKey,
            stage: stage, time: time, timeEpoch: timeEpoch)
    }
}

extension APIGatewayV2Request.HTTP {
    /// The `http` member the reader walks; `nil` for `null`, a missing member or a failed reader.
    fileprivate init?(reading reader: inout JSONReader) {
        var method: String?
        var path: String?
        var `protocol`: String?
        var sourceIp: String?
        var userAgent: String?
        let walked = reader.members { reader, key in
            switch key {
            case "method": method = reader.string()
            case "path": path = reader.string()
            case "protocol": `protocol` = reader.string()
            case "sourceIp": sourceIp = reader.string()
            case "userAgent": userAgent = reader.string()
            default: _ = reader.value()
            }
        }
        guard walked, let method, let path, let `protocol`, let sourceIp, let userAgent else { return nil }
        self.init(method: method, path: path, protocol: `protocol`, sourceIp: sourceIp, userAgent: userAgent)
    }
}

extension JSONReader {
    /// The array of strings that comes next; `nil` for `null`, and the reader fails at anything else.
    fileprivate mutating func strings() -> [String]? {
        guard let value = self.value(), value != .null else { return nil }
        guard let strings = JSONMembers.strings(in: value) else {
            self.fail()
            return nil
        }
        return strings
    }

    /// The object that comes next, read as a tree by `read`; `nil` for `null`, and the reader fails when `read`
    /// throws (the tree's reading of the whole request then says why).
    fileprivate mutating func tree<Value>(
        at path: String, _ read: (JSONMembers) throws(EventDecodingError) -> Value
    ) -> Value? {
        guard let value = self.value(), value != .null else { return nil }
        do {
            return try read(try JSONMembers(value, path: path))
        } catch {
            self.fail()
            return nil
        }
    }
}
