import Logging
import NIOCore

/// Enforces an invocation's deadline from an event loop of its own, so that a handler blocking its thread cannot stop
/// it: at the deadline it reports `Sandbox.Timedout` over a fresh Runtime API connection and ends the process, so
/// that Lambda starts a new one.
struct DeadlineWatchdog: Sendable {
    let eventLoop: any EventLoop
    let runtimeAPI: RuntimeAPIAddress
    let logger: Logger

    /// Arms the watchdog for one invocation; cancel the returned task when the invocation settles first.
    func arm(for metadata: InvocationMetadata, settlement: InvocationSettlement) -> Scheduled<Void> {
        let receivedAt = ContinuousClock.now
        let remaining = metadata.deadline.millisecondsSinceEpoch - WallClock.nowMilliseconds()
        return self.eventLoop.scheduleTask(in: .milliseconds(max(0, remaining))) {
            guard settlement.settle() else { return }
            let report = LambdaErrorReport.timeout(after: ContinuousClock.now - receivedAt)
            self.logger.error("\(report.errorMessage)", metadata: [LambdaContext.requestIDMetadataKey: "\(metadata.requestID)"])
            self.eventLoop.scheduleTask(in: .seconds(2)) { ProcessEnvironment.terminate(status: 1) }
            RuntimeAPIConnection.connecting(to: self.runtimeAPI, on: self.eventLoop)
                .flatMap { RuntimeAPIClient(connection: $0).report(.error(report), for: metadata.requestID) }
                .whenComplete { _ in ProcessEnvironment.terminate(status: 1) }
        }
    }
}
