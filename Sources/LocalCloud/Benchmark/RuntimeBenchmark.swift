package import Cloud
package import Histogram
package import LambdaRuntime
package import NIOCore

/// Measures a Lambda runtime executable through the Runtime API emulator: cold start (process spawn to first
/// response), warm invocation round trips (timed from the caller, on the emulator's thread), and peak resident memory.
package struct RuntimeBenchmark: Sendable {
    /// The runtime under test.
    package struct Subject: Sendable {
        package var name: String
        package var executable: String
        package var arguments: [String]

        package init(name: String, executable: String, arguments: [String] = []) {
            self.name = name
            self.executable = executable
            self.arguments = arguments
        }
    }

    /// What one subject measured.
    package struct Measurement: Sendable {
        package var subject: String
        /// Spawn to first response, in microseconds, one per cold start.
        package var coldStartMicroseconds: Histogram<UInt64>
        /// Warm invocation round trips, in nanoseconds: from the invocation (the runtime already waiting for it) to
        /// its result in the caller's hands.
        package var warmNanoseconds: Histogram<UInt64>
        /// The largest peak RSS seen over the cold starts and the warm run.
        package var peakResidentBytes: Int
    }

    package var function: Function
    package var event: ByteBuffer
    package var coldStarts: Int
    package var warmInvocations: Int
    package var warmUpInvocations: Int

    package init(
        function: Function, event: ByteBuffer, coldStarts: Int, warmInvocations: Int, warmUpInvocations: Int = 50
    ) {
        self.function = function
        self.event = event
        self.coldStarts = coldStarts
        self.warmInvocations = warmInvocations
        self.warmUpInvocations = warmUpInvocations
    }

    /// The subject's answer was not a successful response, so its timings would mean nothing.
    package struct FailedInvocation: Error, CustomStringConvertible {
        package var subject: String
        package var report: LambdaFunctionError
        package var description: String {
            "\(self.subject) failed: \(self.report.errorType): \(self.report.errorMessage)"
        }
    }

    package func measure(_ subject: Subject, logSink: any LogSink) async throws -> Measurement {
        var cold = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        var warm = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
        var peak = 0
        for _ in 0..<self.coldStarts {
            let instance = try await self.start(subject, logSink: logSink)
            let result = await instance.invoke(InvocationRequest(event: self.event))
            let elapsed = ContinuousClock.now - instance.spawnedAt
            peak = max(peak, instance.peakMemoryBytes ?? 0)
            await instance.stop()
            try self.check(result, subject: subject)
            _ = cold.record(UInt64(elapsed.inMilliseconds * 1000))
        }

        let instance = try await self.start(subject, logSink: logSink)
        do {
            // On the emulator's own thread, as a consumer that invokes in a loop should be; each clock starts once
            // the runtime waits for its next event, as the minimal Runtime API's does.
            try await withTaskExecutorPreference(instance.executor) {
                for _ in 0..<self.warmUpInvocations {
                    try self.check(await instance.invoke(InvocationRequest(event: self.event)), subject: subject)
                }
                for _ in 0..<self.warmInvocations {
                    let request = InvocationRequest(event: self.event)
                    await instance.untilRuntimeWaits()
                    let started = ContinuousClock.now
                    let result = await instance.invoke(request)
                    let elapsed = ContinuousClock.now - started
                    try self.check(result, subject: subject)
                    _ = warm.record(UInt64(elapsed / .nanoseconds(1)))
                }
            }
            peak = max(peak, instance.peakMemoryBytes ?? 0)
        } catch {
            await instance.stop()
            throw error
        }
        await instance.stop()
        return Measurement(
            subject: subject.name, coldStartMicroseconds: cold, warmNanoseconds: warm, peakResidentBytes: peak)
    }

    private func start(_ subject: Subject, logSink: any LogSink) async throws -> ProcessFunctionInstance {
        try await ProcessFunctionInstance.start(
            executable: subject.executable,
            arguments: subject.arguments,
            function: self.function,
            metadata: FunctionMetadata(name: self.function.name, memoryLimitInMB: self.function.memoryMB),
            logSink: logSink
        )
    }

    private func check(_ result: InvocationResult, subject: Subject) throws {
        if let report = result.error {
            throw FailedInvocation(subject: subject.name, report: report)
        }
    }
}
