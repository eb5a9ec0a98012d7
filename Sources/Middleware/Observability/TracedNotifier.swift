public import Cloud
public import Tracing

/// A notifier whose every send is a client subsegment, as X-Ray shows a call to SES (`SendEmail`) for an email and
/// to SNS (`Publish`) for a text message, with a refusal (400) or an unreachable channel (503) and its error.
/// Outside a traced invocation a send goes straight to the notifier.
public struct TracedNotifier<Tracer: Tracing.Tracer>: Notifier {
    /// The notifier the sends go to.
    public let base: any Notifier
    /// The tracer that records the spans.
    public let tracer: Tracer

    /// Wraps `base` so its sends are traced by `tracer`.
    public init(_ base: any Notifier, tracer: Tracer) {
        self.base = base
        self.tracer = tracer
    }

    /// Sends `notification` in a span named after the channel's AWS service.
    ///
    /// - Throws: whatever the wrapped notifier throws.
    public func send(_ notification: OutgoingNotification) async throws(NotifierError) {
        guard let context = ServiceContext.current else { return try await self.base.send(notification) }
        let (service, operation) =
            switch notification.channel {
            case .email: ("SES", "SendEmail")
            case .sms: ("SNS", "Publish")
            }
        let span = self.tracer.startSpan(service, context: context, ofKind: .client)
        defer { span.end() }
        guard span.isRecording else { return try await self.base.send(notification) }
        span.attributes["aws.operation"] = operation
        do throws(NotifierError) {
            try await self.base.send(notification)
        } catch {
            span.attributes["http.response.status_code"] = error.code == .unavailable ? 503 : 400
            span.recordError(error)
            throw error
        }
    }
}
