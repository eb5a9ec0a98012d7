public import HTTPTypes

/// One error of an AWS JSON protocol service as it goes over the wire: the `__type` of its body, its HTTP status,
/// and, for a service that keeps its older Query protocol's codes (SQS), the code of the `x-amzn-query-error` header.
public struct AWSErrorShape: Sendable, Hashable {
    /// The body's `__type`: the error's shape, with its namespace (`com.amazonaws.sqs#QueueDoesNotExist`).
    public let type: String
    /// The HTTP status the error is answered with.
    public let status: HTTPResponse.Status
    /// The Query protocol's code (`AWS.SimpleQueueService.NonExistentQueue`), for services that send it.
    public let queryCode: String?
    /// Whether the caller's request was at fault (`Sender`) rather than the service (`Receiver`).
    public let senderFault: Bool

    /// The shape `type`, answered with `status`; `queryCode`, if any, goes into `x-amzn-query-error`.
    public init(type: String, status: HTTPResponse.Status = .badRequest, queryCode: String? = nil) {
        self.type = type
        self.status = status
        self.queryCode = queryCode
        self.senderFault = status.kind != .serverError
    }

    /// The value of the `x-amzn-query-error` header, `<code>;Sender` or `<code>;Receiver`, when there is a code.
    public var queryErrorHeader: String? {
        self.queryCode.map { "\($0);\(self.senderFault ? "Sender" : "Receiver")" }
    }

    /// This error, explained by `message`.
    public func callAsFunction(_ message: String) -> AWSProtocolError {
        AWSProtocolError(shape: self, message: message)
    }

    // MARK: The errors of the protocol itself, the same for every service (AWS's request framework answers them).

    /// The body is not a JSON object, or not JSON at all.
    public static let serialization = AWSErrorShape(type: "com.amazon.coral.service#SerializationException")
    /// The `X-Amz-Target` names no operation this endpoint knows.
    public static let unknownOperation = AWSErrorShape(type: "com.amazon.coral.service#UnknownOperationException")
    /// The request's `Host` is not one the endpoint answers.
    public static let accessDenied = AWSErrorShape(
        type: "com.amazon.coral.service#AccessDeniedException", status: .forbidden)
    /// The request carries no SigV4 `Authorization` header.
    public static let missingAuthenticationToken = AWSErrorShape(
        type: "com.amazon.coral.service#MissingAuthenticationTokenException", status: .forbidden)
    /// The `Authorization` header is not shaped like a SigV4 signature.
    public static let incompleteSignature = AWSErrorShape(
        type: "com.amazon.coral.service#IncompleteSignatureException")
    /// The body is larger than ``AWSJSONEndpoint/maximumBodyBytes``.
    public static let requestTooLarge = AWSErrorShape(
        type: "com.amazon.coral.service#RequestEntityTooLargeException", status: .contentTooLarge)
}
