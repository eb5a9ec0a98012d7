/// The facts the Runtime API hands over with each invocation, in its `Lambda-Runtime-*` headers.
///
/// Client context and Cognito identity stay raw here: they are decoded into the ``LambdaContext``, where a malformed
/// one fails only that invocation.
package struct InvocationMetadata: Sendable, Equatable {
    package var requestID: String
    package var deadline: LambdaDeadline
    package var invokedFunctionARN: String
    package var traceID: String?
    package var clientContext: String?
    package var cognitoIdentity: String?
    package var tenantID: String?

    package init(
        requestID: String,
        deadline: LambdaDeadline,
        invokedFunctionARN: String,
        traceID: String? = nil,
        clientContext: String? = nil,
        cognitoIdentity: String? = nil,
        tenantID: String? = nil
    ) {
        self.requestID = requestID
        self.deadline = deadline
        self.invokedFunctionARN = invokedFunctionARN
        self.traceID = traceID
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.tenantID = tenantID
    }
}

extension InvocationMetadata {
    /// The longest request id accepted; Lambda's are UUIDs (36 characters).
    static let maximumRequestIDLength = 128

    /// Whether `requestID` can stand as one segment of a Runtime API path: ASCII letters, digits, `-`, `_` and `.`,
    /// not `.` or `..`, and at most ``maximumRequestIDLength`` characters.
    static func isSafeRequestID(_ requestID: String) -> Bool {
        guard (1...Self.maximumRequestIDLength).contains(requestID.utf8.count), requestID != ".", requestID != ".."
        else { return false }
        // Over the contiguous bytes: the UTF-8 view's iterator cost about forty instructions a byte, on every
        // invocation.
        var requestID = requestID
        return requestID.withUTF8 { bytes in
            bytes.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
                    true
                default:
                    false
                }
            }
        }
    }
}

/// The names of the Runtime API's headers.
package enum RuntimeAPIHeader {
    package static let requestID = "Lambda-Runtime-Aws-Request-Id"
    package static let deadline = "Lambda-Runtime-Deadline-Ms"
    package static let invokedFunctionARN = "Lambda-Runtime-Invoked-Function-Arn"
    package static let traceID = "Lambda-Runtime-Trace-Id"
    package static let clientContext = "Lambda-Runtime-Client-Context"
    package static let cognitoIdentity = "Lambda-Runtime-Cognito-Identity"
    package static let tenantID = "Lambda-Runtime-Aws-Tenant-Id"
    package static let functionErrorType = "Lambda-Runtime-Function-Error-Type"
}
