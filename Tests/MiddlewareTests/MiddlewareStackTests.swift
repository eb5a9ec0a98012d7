import LambdaRuntime
import Middleware
import StratusTesting
import Synchronization
import Testing

@Suite("Middleware engine")
struct MiddlewareStackTests {
    /// Records the order in which phases ran.
    final class Journal: Sendable {
        private let entries = Mutex<[String]>([])
        func record(_ entry: String) { self.entries.withLock { $0.append(entry) } }
        var all: [String] { self.entries.withLock { $0 } }
    }

    struct Echo: LambdaHandler {
        let journal: Journal
        func handle(_ event: String, context: LambdaContext) async throws -> String {
            self.journal.record("handler")
            if event == "fail" { throw Failure.handler }
            return "handled \(event)"
        }
    }

    enum Failure: Error { case handler, after }

    struct Recorder: MiddlewareProtocol {
        let name: String
        let journal: Journal
        var answerEarly: String? = nil
        var failInAfter = false
        var recoverWith: String? = nil
        var endWith: String? = nil

        func before(_ request: inout MiddlewareRequest<String, String>) async throws -> String? {
            self.journal.record("\(self.name).before")
            return self.answerEarly
        }

        func after(_ request: inout MiddlewareRequest<String, String>) async throws {
            self.journal.record("\(self.name).after")
            if self.failInAfter { throw Failure.after }
            request.response = (request.response ?? "") + " +\(self.name)"
        }

        func onError(_ request: inout MiddlewareRequest<String, String>) async throws -> String? {
            self.journal.record("\(self.name).onError")
            if let recoverWith { request.response = recoverWith }
            return self.endWith
        }
    }

    @Test func beforeRunsInAttachOrderAndAfterInReverse() async throws {
        let journal = Journal()
        let stack = MiddlewareStack(Echo(journal: journal))
            .use(Recorder(name: "a", journal: journal))
            .use(Recorder(name: "b", journal: journal))
        let response = try await stack.handle("x", context: .test())
        #expect(journal.all == ["a.before", "b.before", "handler", "b.after", "a.after"])
        #expect(response == "handled x +b +a")
    }

    @Test func anEarlyAnswerSkipsEverythingAfterIt() async throws {
        let journal = Journal()
        let stack = MiddlewareStack(Echo(journal: journal))
            .use(Recorder(name: "a", journal: journal))
            .use(Recorder(name: "b", journal: journal, answerEarly: "cached"))
            .use(Recorder(name: "c", journal: journal))
        #expect(try await stack.handle("x", context: .test()) == "cached")
        #expect(journal.all == ["a.before", "b.before"])
    }

    @Test func onErrorRunsInReverseAndCanTurnTheErrorIntoAResponse() async throws {
        let journal = Journal()
        let stack = MiddlewareStack(Echo(journal: journal))
            .use(Recorder(name: "a", journal: journal))
            .use(Recorder(name: "b", journal: journal, recoverWith: "recovered"))
        #expect(try await stack.handle("fail", context: .test()) == "recovered")
        #expect(journal.all == ["a.before", "b.before", "handler", "b.onError", "a.onError"])
    }

    @Test func returningFromOnErrorEndsTheChain() async throws {
        let journal = Journal()
        let stack = MiddlewareStack(Echo(journal: journal))
            .use(Recorder(name: "a", journal: journal))
            .use(Recorder(name: "b", journal: journal, endWith: "final"))
        #expect(try await stack.handle("fail", context: .test()) == "final")
        #expect(journal.all == ["a.before", "b.before", "handler", "b.onError"])
    }

    @Test func anUnhandledErrorIsRethrown() async {
        let journal = Journal()
        let stack = MiddlewareStack(Echo(journal: journal)).use(Recorder(name: "a", journal: journal))
        await #expect(throws: Failure.handler) { try await stack.handle("fail", context: .test()) }
    }

    @Test func anErrorInAnAfterPhaseGoesToOnErrorWithoutTheStaleResponse() async {
        let journal = Journal()
        let stack = MiddlewareStack(Echo(journal: journal))
            .use(Recorder(name: "a", journal: journal))
            .use(Recorder(name: "b", journal: journal, failInAfter: true))
        await #expect(throws: Failure.after) { try await stack.handle("x", context: .test()) }
        #expect(journal.all == ["a.before", "b.before", "handler", "b.after", "b.onError", "a.onError"])
    }
}
