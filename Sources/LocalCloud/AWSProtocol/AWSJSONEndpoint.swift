import Cloud
import HTTPTypes
public import Hummingbird
import Identifiers
import JSONCoding

/// The local cloud's endpoint for AWS SDKs and the AWS CLI (`AWS_ENDPOINT_URL=http://127.0.0.1:3000/_aws`): the AWS
/// JSON protocol (1.0 and 1.1) on `POST /_aws` and `POST /_aws/`, dispatched by `X-Amz-Target` (`<prefix>.<operation>`)
/// to the operations of its ``AWSService``s.
///
/// A request must name one of ``allowedHosts`` in its `Host` (as `/_stratus/` must, so that a web page whose name
/// resolves to 127.0.0.1 cannot reach the queues), and carry an `Authorization` header shaped like SigV4; its
/// signature is not checked, so any credentials do (``SigV4AuthorizationShape``). The body is read up to ``maximumBodyBytes`` and must be a JSON
/// object nested at most ``maximumDepth`` deep. Errors are AWS's: status 400 (403 without a signature, 413 for a body
/// too large, 5xx when the service failed), a body `{"__type": "...", "message": "..."}` and, for SQS,
/// `x-amzn-query-error`. Every answer carries an `x-amzn-RequestId`.
public struct AWSJSONEndpoint: Sendable {
    /// The paths the endpoint answers `POST` on.
    public static let paths: Set<String> = ["/_aws", "/_aws/"]
    /// The largest body read: a 1 MiB message whose text JSON escapes as `\uXXXX` (up to three times its UTF-8
    /// length, as botocore sends non-ASCII text), with room for the rest of a batch's members.
    public static let maximumBodyBytes = 4 * 1_048_576
    /// How deep a body's JSON may nest; AWS's inputs are structures of lists and maps of structures.
    public static let maximumDepth = 16

    private let services: [String: AWSService]
    /// The host names, lower-cased and without a port, a request's `Host` must name; any when `nil`.
    public let allowedHosts: Set<String>?

    /// An endpoint for `services`, told apart by their target prefixes, answering requests for `allowedHosts` (see
    /// ``TelemetryAccess/allowedHosts``), or for any host when `nil`.
    public init(services: [AWSService], allowedHosts: Set<String>? = nil) {
        self.services = Dictionary(services.map { ($0.targetPrefix, $0) }) { first, _ in first }
        self.allowedHosts = allowedHosts
    }

    /// Whether a request with `method` for `path` is this endpoint's.
    public static func claims(method: HTTPRequest.Method, path: String) -> Bool {
        method == .post && Self.paths.contains(path)
    }

    /// Answers the HTTP request `request`, reading its body up to ``maximumBodyBytes``.
    public func respond(to request: Request) async -> Response {
        let body: [UInt8]?
        if let collected = try? await request.body.collect(upTo: Self.maximumBodyBytes) {
            body = Array(collected.readableBytesView)
        } else {
            body = nil
        }
        let answer = await self.answer(
            target: request.headers[.amzTarget], authorization: request.headers[.authorization],
            host: request.head.authority, body: body)
        var headers: HTTPFields = [.contentType: answer.contentType, .amznRequestID: RandomUUID.make()]
        if let queryError = answer.queryError { headers[.amznQueryError] = queryError }
        return Response(
            status: HTTPResponse.Status(code: answer.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// Answers a request with the `X-Amz-Target` `target`, the `Authorization` header `authorization`, the `Host`
    /// `host` and `body` (`nil` when it was larger than ``maximumBodyBytes``).
    public func answer(target: String?, authorization: String?, host: String?, body: [UInt8]?) async
        -> AWSJSONResponse
    {
        let service = target.flatMap(Self.prefix).flatMap { self.services[$0] }
        let contentType = service?.contentType ?? "application/x-amz-json-1.0"
        do throws(AWSProtocolError) {
            let output = try await self.output(
                service: service, target: target, authorization: authorization, host: host, body: body)
            var writer = JSONWriter()
            writer.value(output)
            return AWSJSONResponse(status: 200, contentType: contentType, body: writer.bytes)
        } catch {
            var writer = JSONWriter()
            writer.value(["__type": .string(error.shape.type), "message": .string(error.message)])
            return AWSJSONResponse(
                status: error.shape.status.code, contentType: contentType, queryError: error.shape.queryErrorHeader,
                body: writer.bytes)
        }
    }

    private func output(
        service: AWSService?, target: String?, authorization: String?, host: String?, body: [UInt8]?
    ) async throws(AWSProtocolError) -> JSONValue {
        if let allowedHosts = self.allowedHosts {
            guard let name = host.flatMap(TelemetryAccess.hostName), allowedHosts.contains(name) else {
                throw AWSErrorShape.accessDenied(
                    "This server answers /_aws only for its own host names (127.0.0.1, localhost, --host, --allowed-host)"
                )
            }
        }
        guard let authorization else {
            throw AWSErrorShape.missingAuthenticationToken("The request must be signed with SigV4 (any credentials)")
        }
        guard let signature = SigV4AuthorizationShape(authorization) else {
            throw AWSErrorShape.incompleteSignature("The Authorization header is not a SigV4 signature")
        }
        guard let target, let service,
            let operation = service.operations[String(target.dropFirst(service.targetPrefix.count + 1))]
        else {
            throw AWSErrorShape.unknownOperation(
                "The local cloud does not support the operation \(String((target ?? "(no X-Amz-Target)").prefix(128)))")
        }
        guard let body else {
            throw AWSErrorShape.requestTooLarge("The request body is larger than \(Self.maximumBodyBytes) bytes")
        }
        guard let value = JSONValue(parsing: body, maximumDepth: Self.maximumDepth), case .object(let members) = value
        else {
            throw AWSErrorShape.serialization("The request body is not a JSON object")
        }
        let request = AWSRequest(
            input: AWSMembers(members, faults: service.inputFaults), host: Self.urlHost(host), region: signature.region)
        return try await operation.answer(request)
    }

    /// The service prefix of a target `AmazonSQS.SendMessage`: what comes before its last dot.
    private static func prefix(of target: String) -> String? {
        guard let dot = target.lastIndex(of: ".") else { return nil }
        return String(target[..<dot])
    }

    /// The host answers' URLs name: the request's `Host` when it holds only what a host name or address with a port
    /// may (letters, digits, `-`, `_`, `.`, `:` and brackets), else `localhost`, so that no header puts anything else
    /// into a queue URL.
    static func urlHost(_ host: String?) -> String {
        guard let host, (1...261).contains(host.utf8.count),
            host.utf8.allSatisfy({ MessageQueueRequest.isIdentifierByte($0) || ".:[]".utf8.contains($0) })
        else { return "localhost" }
        return host
    }
}

extension HTTPField.Name {
    /// The header naming an AWS JSON protocol request's operation, `<service prefix>.<operation>`.
    static let amzTarget = Self("x-amz-target")!
    /// The header carrying the id AWS gives each request.
    static let amznRequestID = Self("x-amzn-RequestId")!
    /// The header of SQS's errors carrying its Query protocol code and fault, `<code>;Sender`.
    static let amznQueryError = Self("x-amzn-query-error")!
}
