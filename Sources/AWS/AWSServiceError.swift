public import JSONCoding

/// Why a call to an AWS service failed: the service's own error (its code, such as `ThrottlingException` or
/// `QueueDoesNotExist`, with HTTP status and request id), or no usable answer at all.
///
/// The code is a string, not an enum: each service names its own errors, and adapters map the ones they know onto
/// their port's error codes.
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the failure arose.
    public enum Kind: String, Sendable, Equatable {
        /// The service answered with an error.
        case service
        /// The service could not be reached, or the connection failed before it answered in full.
        case unreachable
        /// No answer came in time: the attempt's timeout or the caller's deadline passed.
        case timedOut
        /// The service answered with something that is not its protocol.
        case invalidResponse
        /// The call could not be made: no credentials, an unusable endpoint or TLS setting, an oversized answer.
        case invalidRequest
    }

    /// Where the failure arose.
    public let kind: Kind
    /// The service's error code with its namespace and detail stripped (`ThrottlingException`), or, for SQS's
    /// legacy codes, the query protocol's (`AWS.SimpleQueueService.NonExistentQueue`); the kind's name otherwise.
    public let code: String
    /// The service's message, or what went wrong.
    public let message: String
    /// The HTTP status, `nil` when no answer came.
    public let status: Int?
    /// The request id the service gave (`x-amzn-RequestId`), for AWS support.
    public let requestID: String?
    /// The time the answer's `Date` header stated, by which a skewed signing clock is corrected.
    public let serverDate: AWSTimestamp?
    /// The error's JSON body, for services whose errors carry data (DynamoDB's `Item` and `CancellationReasons`).
    public let body: JSONValue?

    /// An error from its parts; `code` defaults to the kind's name.
    public init(
        _ kind: Kind, code: String? = nil, message: String, status: Int? = nil, requestID: String? = nil,
        serverDate: AWSTimestamp? = nil, body: JSONValue? = nil
    ) {
        self.kind = kind
        self.code = code ?? kind.rawValue
        self.message = message
        self.status = status
        self.requestID = requestID
        self.serverDate = serverDate
        self.body = body
    }

    /// The code, the message, and the status and request id when known.
    public var description: String {
        var text = "\(self.code): \(self.message)"
        if let status { text += " (HTTP \(status)" + (self.requestID.map { ", request \($0)" } ?? "") + ")" }
        return text
    }
}

extension AWSServiceError {
    /// The transport's failure `error` as a service error.
    init(_ error: AWSHTTPError) {
        switch error.code {
        case .connectionFailed, .connectionClosed, .tlsFailed:
            self.init(.unreachable, message: error.description)
        case .timedOut:
            self.init(.timedOut, message: error.description)
        case .invalidConfiguration, .responseTooLarge:
            self.init(.invalidRequest, message: error.description)
        }
    }
}
