import Cloud
import Foundation
import HTTPTypes
public import LambdaEvents
import LambdaRuntime

/// Turns an HTTP request into the HTTP API payload 2.0 event API Gateway hands a function: lower-cased headers
/// (repeats joined with commas), cookies apart, the raw and the parsed query string, path parameters, and the
/// request context with the route key, request id, `$default` stage and times.
public struct APIGatewayEventBuilder: Sendable {
    public let accountID: String
    public let apiID: String
    public let domainName: String
    /// The domain name's first label, the context's `domainPrefix`.
    private let domainPrefix: String

    public init(accountID: String = LocalAccount.id, apiID: String = "local", domainName: String = "localhost") {
        self.accountID = accountID
        self.apiID = apiID
        self.domainName = domainName
        self.domainPrefix = domainName.split(separator: ".").first.map(String.init) ?? domainName
    }

    public func event(
        for request: GatewayRequest,
        route: GatewayRoute,
        pathParameters: [String: String],
        requestID: String,
        receivedAtMilliseconds: Int64,
        authorizer: APIGatewayV2Request.Authorizer? = nil
    ) -> APIGatewayV2Request {
        var headers: [String: String] = [:]
        var cookies: [String] = []
        for field in request.headers {
            if field.name == .cookie {
                cookies += field.value.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                    !$0.isEmpty
                }
                continue
            }
            // The canonical name is the lower-cased one API Gateway's events use.
            let name = field.name.canonicalName
            headers[name] = headers[name].map { "\($0),\(field.value)" } ?? field.value
        }
        let (body, isBase64Encoded) = Self.body(request.body, contentType: headers["content-type"])
        return APIGatewayV2Request(
            routeKey: route.routeKey,
            rawPath: request.path,
            rawQueryString: request.rawQueryString,
            cookies: cookies.isEmpty ? nil : cookies,
            headers: .init(headers),
            queryStringParameters: Self.queryParameters(request.rawQueryString),
            pathParameters: pathParameters.isEmpty ? nil : pathParameters,
            requestContext: .init(
                accountId: self.accountID,
                apiId: self.apiID,
                authorizer: authorizer,
                domainName: self.domainName,
                domainPrefix: self.domainPrefix,
                http: .init(
                    method: request.method.rawValue,
                    path: request.path,
                    protocol: "HTTP/1.1",
                    sourceIp: request.sourceIP,
                    userAgent: headers["user-agent"] ?? ""
                ),
                requestId: requestID,
                routeKey: route.routeKey,
                time: Self.requestTime(milliseconds: receivedAtMilliseconds),
                timeEpoch: receivedAtMilliseconds
            ),
            body: body,
            isBase64Encoded: isBase64Encoded
        )
    }

    /// Query parameters, percent-decoded, repeated names joined with commas; `nil` when there are none.
    static func queryParameters(_ rawQuery: String) -> [String: String]? {
        var parameters: [String: String] = [:]
        for pair in rawQuery.split(separator: "&") where !pair.isEmpty {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decodeQueryComponent(parts[0])
            let value = parts.count > 1 ? Self.decodeQueryComponent(parts[1]) : ""
            parameters[name] = parameters[name].map { "\($0),\(value)" } ?? value
        }
        return parameters.isEmpty ? nil : parameters
    }

    private static func decodeQueryComponent(_ component: Substring) -> String {
        let text = component.replacingOccurrences(of: "+", with: " ")
        return PercentDecoding.decode(text) ?? text
    }

    /// A text body as it is; anything else (or a body that is not UTF-8) base64-encoded, as API Gateway does.
    private static func body(_ bytes: [UInt8], contentType: String?) -> (String?, Bool) {
        guard !bytes.isEmpty else { return (nil, false) }
        let type = contentType?.lowercased() ?? ""
        let isText =
            type.isEmpty || type.hasPrefix("text/") || type.contains("json") || type.contains("xml")
            || type.hasPrefix("application/x-www-form-urlencoded") || type.contains("javascript")
        if isText, let text = String(validating: bytes, as: UTF8.self) {
            return (text, false)
        }
        return (Base64.encode(bytes), true)
    }

    /// API Gateway's `requestContext.time`: `22/Nov/2026:21:36:49 +0000`, written as bytes (every request has one).
    static func requestTime(milliseconds: Int64) -> String {
        let parts = WallClock.utcFields(milliseconds: milliseconds)
        return String(unsafeUninitializedCapacity: 26) { output in
            var position = WallClock.write(parts.tm_mday, width: 2, then: UInt8(ascii: "/"), into: output, at: 0)
            Self.monthNames.withUTF8Buffer { names in
                for offset in 0..<3 { output[position + offset] = names[3 * Int(parts.tm_mon) + offset] }
            }
            output[position + 3] = UInt8(ascii: "/")
            position += 4
            position = WallClock.write(
                parts.tm_year + 1900, width: 4, then: UInt8(ascii: ":"), into: output, at: position)
            position = WallClock.write(parts.tm_hour, width: 2, then: UInt8(ascii: ":"), into: output, at: position)
            position = WallClock.write(parts.tm_min, width: 2, then: UInt8(ascii: ":"), into: output, at: position)
            position = WallClock.write(parts.tm_sec, width: 2, then: nil, into: output, at: position)
            for byte in " +0000".utf8 {
                output[position] = byte
                position += 1
            }
            return position
        }
    }

    /// The months' abbreviations, three letters each, January first.
    private static let monthNames: StaticString = "JanFebMarAprMayJunJulAugSepOctNovDec"
}
