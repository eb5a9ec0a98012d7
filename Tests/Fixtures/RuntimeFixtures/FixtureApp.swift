import Cloud
import LambdaRuntime

#if canImport(Glibc)
import Glibc
#endif

/// Functions that misbehave on purpose, run by the runtime tests through the same `Lambda.main` as `bootstrap`.
enum FixtureApp {
    static let manifest = AppManifest("runtime-fixtures", version: "test") {
        Function("sleep", timeout: .seconds(1)) { _ in SleepHandler() }
        Function("fail") { _ in FailingHandler() }
        Function("failing-init") { _ -> SleepHandler in throw FixtureError(message: "the database is unreachable") }
        Function("trace-env") { _ in TraceEnvironmentHandler() }
        Function("crash") { _ in CrashingHandler() }
        Function("thread") { _ in ThreadHandler() }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { self.message }
}

/// Sleeps as long as the event asks: cooperatively, or blocking its thread when `blocking` is set.
struct SleepHandler: LambdaHandler {
    struct Event: Codable, Sendable {
        var milliseconds: Int
        var blocking: Bool?
    }

    struct Output: Codable, Sendable {
        var slept: Int
        var processID: Int32
    }

    func handle(_ event: Event, context: LambdaContext) async throws -> Output {
        // What a test waits for to know that the invocation is under way in the process.
        context.logger.info("Sleeping \(event.milliseconds) ms")
        if event.blocking == true {
            usleep(UInt32(event.milliseconds * 1000))
        } else {
            try await Task.sleep(for: .milliseconds(event.milliseconds))
        }
        return Output(slept: event.milliseconds, processID: getpid())
    }
}

/// Always throws.
struct FailingHandler: LambdaHandler {
    func handle(_ event: [String: String], context: LambdaContext) async throws -> [String: String] {
        throw FixtureError(message: "payment declined")
    }
}

/// Reports the trace id as the context and the `_X_AMZN_TRACE_ID` variable give it.
struct TraceEnvironmentHandler: LambdaHandler {
    func handle(_ event: [String: String], context: LambdaContext) async throws -> [String: String?] {
        ["context": context.traceID, "environment": getenv("_X_AMZN_TRACE_ID").map { String(cString: $0) }]
    }
}

/// Ends the process in the middle of an invocation.
struct CrashingHandler: LambdaHandler {
    func handle(_ event: [String: String], context: LambdaContext) async throws -> [String: String] {
        exit(3)
    }
}

/// Reports whether the invocation runs on the process's main thread, from `/proc/thread-self` (`PID/task/TID`: the
/// main thread's id is the process's).
struct ThreadHandler: LambdaHandler {
    func handle(_ event: [String: String], context: LambdaContext) async throws -> [String: Bool] {
        var link = [CChar](repeating: 0, count: 64)
        let length = readlink("/proc/thread-self", &link, link.count - 1)
        guard length > 0 else { throw FixtureError(message: "/proc/thread-self cannot be read") }
        let parts = String(cString: link).split(separator: "/")
        return ["mainThread": parts.first == parts.last]
    }
}
