import Foundation
import StratusTesting
import Testing

/// `stratus events test-pattern` as a user runs it: the real executable, its output and its exit status.
@Suite("stratus events test-pattern")
struct TestPatternCommandTests {
    static let event = #"{"source": "orders", "detail-type": "OrderPlaced", "detail": {"total": 120}}"#

    /// Runs the command on a pattern and an event written to a temporary folder.
    static func testPattern(_ pattern: String, event: String = Self.event) async throws -> ProcessRun {
        let folder = try TemporaryDirectory()
        try Data(pattern.utf8).write(to: URL(fileURLWithPath: folder.path("pattern.json")))
        try Data(event.utf8).write(to: URL(fileURLWithPath: folder.path("event.json")))
        return try await runToCompletion(
            TestEnvironment.stratus,
            ["events", "test-pattern", "--pattern", folder.path("pattern.json"), "--event", folder.path("event.json")])
    }

    @Test func aMatchPrintsTrueAndExitsZero() async throws {
        let run = try await Self.testPattern(#"{"source": ["orders"], "detail": {"total": [{"numeric": [">", 100]}]}}"#)
        #expect(run.status == 0)
        #expect(run.outputText == "true\n")
    }

    @Test func noMatchPrintsFalseAndExitsOne() async throws {
        let run = try await Self.testPattern(#"{"source": [{"prefix": "users"}]}"#)
        #expect(run.status == 1)
        #expect(run.outputText == "false\n")
    }

    @Test func anInvalidPatternPrintsEventBridgesReasonAndExitsTwo() async throws {
        let run = try await Self.testPattern(#"{"source": "orders"}"#)
        #expect(run.status == 2)
        #expect(run.outputText.isEmpty)
        #expect(
            run.errorText
                == "InvalidEventPatternException: Event pattern is not valid. Reason: \"source\" must be an object or an array\n"
        )
    }

    @Test func anUnreadableOrNonJSONFileIsNamedAndExitsThree() async throws {
        let missing = try await runToCompletion(
            TestEnvironment.stratus,
            ["events", "test-pattern", "--pattern", "/nonexistent/pattern.json", "--event", "/nonexistent/event.json"])
        #expect(missing.status == 3)
        #expect(missing.errorText.contains("Cannot read the file '/nonexistent/pattern.json'"))
        let notJSON = try await Self.testPattern(#"{"source": ["orders"]}"#, event: "not json")
        #expect(notJSON.status == 3)
        #expect(notJSON.errorText.contains("is not JSON"))
    }
}
