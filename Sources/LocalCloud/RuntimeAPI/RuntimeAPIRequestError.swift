import LambdaRuntime

/// A Runtime API request that the protocol does not allow in the instance's current state, answered as Lambda's
/// Runtime API answers it.
enum RuntimeAPIRequestError: Error, Sendable, Equatable {
    case unknownRequestID(String)
    case invalidStateTransition(String)
    case payloadTooLarge(Int)
    case runtimeGone

    var status: Int {
        switch self {
        case .unknownRequestID: 400
        case .invalidStateTransition: 403
        case .payloadTooLarge: 413
        case .runtimeGone: 410
        }
    }

    var report: LambdaFunctionError {
        switch self {
        case .unknownRequestID(let id):
            LambdaFunctionError(errorMessage: "Invalid request ID: \(id)", errorType: "InvalidRequestID")
        case .invalidStateTransition(let why):
            LambdaFunctionError(
                errorMessage: "State transition is not allowed: \(why)", errorType: "InvalidStateTransition")
        case .payloadTooLarge(let bytes):
            LambdaFunctionError(
                errorMessage: "Payload of \(bytes) bytes exceeds the limit of \(LambdaLimits.maxResponseBytes) bytes",
                errorType: "RequestEntityTooLarge"
            )
        case .runtimeGone:
            LambdaFunctionError(errorMessage: "The function instance is shutting down", errorType: "Runtime.Gone")
        }
    }
}
