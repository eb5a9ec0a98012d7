public import NIOCore

/// What an invocation produced: the response bytes, or the error to report.
public enum InvocationOutcome: Sendable, Equatable {
    case response(ByteBuffer)
    case error(LambdaErrorReport)
}

/// Runs one invocation of a handler and turns whatever happens into the outcome Lambda would report.
///
/// Both the Runtime API loop and in-process local invocation go through here, so a handler behaves the same in both.
public struct InvocationExecutor: Sendable {
    public let handler: any ByteBufferLambdaHandler

    public init(handler: any ByteBufferLambdaHandler) {
        self.handler = handler
    }

    public func invoke(event: ByteBuffer, context: LambdaContext) async -> InvocationOutcome {
        do {
            let response = try await self.handler.handle(event, context: context)
            guard response.readableBytes <= LambdaLimits.maxResponseBytes else {
                let report = LambdaErrorReport.responseTooLarge(bytes: response.readableBytes)
                context.logger.error("\(report.errorType): \(report.errorMessage)")
                return .error(report)
            }
            return .response(response)
        } catch {
            let report = LambdaErrorReport(describing: error)
            context.logger.error("Invocation failed", metadata: ["errorType": "\(report.errorType)", "errorMessage": "\(report.errorMessage)"])
            return .error(report)
        }
    }
}
