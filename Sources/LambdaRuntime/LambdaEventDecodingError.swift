/// The event could not be decoded as the handler's event type.
public struct LambdaEventDecodingError: LambdaReportableError {
    public var eventType: String
    public var underlying: any Error

    public var errorType: String { "Runtime.EventDecodingError" }
    public var description: String { "The event is not a valid \(self.eventType): \(self.underlying)" }
}
