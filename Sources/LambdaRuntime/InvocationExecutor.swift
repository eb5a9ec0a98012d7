import JSONCoding
public import NIOCore

/// What an invocation produced: the response bytes, or the error to report.
public enum InvocationOutcome: Sendable, Equatable {
    case response(ByteBuffer)
    case error(LambdaFunctionError)
}

/// What an invocation with the event as a value produced: the handler's output as a value, when the handler took the
/// event as it is, or else the outcome of invoking it with the event's JSON.
public enum InvocationValueOutcome: Sendable {
    case value(any Sendable)
    case outcome(InvocationOutcome)
}

/// Runs one invocation of a handler and turns whatever happens into the outcome Lambda would report.
///
/// Both the Runtime API loop and in-process local invocation go through here, so a handler behaves the same in both.
package struct InvocationExecutor: Sendable {
    package let handler: any ByteBufferLambdaHandler
    /// The handler when it also takes events as values; asked once, not on every invocation.
    private let valueHandler: (any ValueLambdaHandler)?

    /// - Parameter takesValues: Whether events may come as values (``invoke(value:context:)``, in process); the
    ///   Runtime API loop only has bytes, and skips asking the handler (a search of the conformance tables on its
    ///   cold start).
    package init(handler: any ByteBufferLambdaHandler, takesValues: Bool = true) {
        self.handler = handler
        self.valueHandler = takesValues ? handler as? any ValueLambdaHandler : nil
    }

    package func invoke(event: ByteBuffer, context: LambdaContext) async -> InvocationOutcome {
        do {
            let response = try await self.handler.handle(event, context: context)
            guard response.readableBytes <= LambdaLimits.maxResponseBytes else {
                let report = LambdaFunctionError.responseTooLarge(bytes: response.readableBytes)
                context.logger.error("\(report.errorType): \(report.errorMessage)")
                return .error(report)
            }
            return .response(response)
        } catch {
            return .error(Self.report(error, context: context))
        }
    }

    /// Invokes the handler with `event` as a value when it is a ``ValueLambdaHandler`` for `Event`, and with
    /// `event`'s JSON otherwise.
    package func invoke<Event: Encodable & Sendable>(value event: Event, context: LambdaContext) async
        -> InvocationValueOutcome
    {
        if let handler = self.valueHandler {
            do {
                if let output = try await handler.handle(value: event, context: context) { return .value(output) }
            } catch {
                return .outcome(.error(Self.report(error, context: context)))
            }
        }
        let bytes: ByteBuffer
        do {
            bytes = ByteBuffer(bytes: try StreamingJSONEncoder().encode(event))
        } catch {
            return .outcome(.error(LambdaFunctionError(describing: error)))
        }
        return .outcome(await self.invoke(event: bytes, context: context))
    }

    /// Logs a handler's failure and answers the report Lambda would send.
    private static func report(_ error: any Error, context: LambdaContext) -> LambdaFunctionError {
        let report = LambdaFunctionError(describing: error)
        context.logger.error(
            "Invocation failed",
            metadata: ["errorType": "\(report.errorType)", "errorMessage": "\(report.errorMessage)"])
        return report
    }
}
