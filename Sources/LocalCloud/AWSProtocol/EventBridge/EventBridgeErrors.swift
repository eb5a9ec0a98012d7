import Cloud
import HTTPTypes

/// EventBridge's errors on its JSON protocol: the bus port's codes are EventBridge's own, so each becomes the shape
/// of that name (`{"__type": "ResourceNotFoundException", "message": ...}`), answered with 400, or 500 for a failure
/// of the bus itself.
enum EventBridgeErrors {
    /// `error` of the bus port as EventBridge answers it.
    static func answer(_ error: EventBusError) -> AWSProtocolError {
        let status: HTTPResponse.Status = error.code == .internalFailure ? .internalServerError : .badRequest
        return AWSErrorShape(type: error.code.rawValue, status: status)(error.message)
    }

    /// Runs `operation` on the bus port, answering what it throws as EventBridge does.
    static func run<T>(_ operation: () async throws(EventBusError) -> T) async throws(AWSProtocolError) -> T {
        do {
            return try await operation()
        } catch {
            throw Self.answer(error)
        }
    }
}
