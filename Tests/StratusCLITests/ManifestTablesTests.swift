import Cloud
import LambdaRuntime
import Testing

@testable import stratus

/// `stratus serve`'s start-up tables show every trigger of every function, then the queues and the rules.
@Suite("Serve's manifest tables")
struct ManifestTablesTests {
    struct Nothing: LambdaHandler {
        func handle(_ event: [String: String], context: LambdaContext) async throws -> [String: String] { event }
    }

    @Test func everyTriggerQueueAndRuleIsListed() {
        let app = AppManifest("a", version: "1") {
            Bus("app")
            Queue("work", deadLetterQueue: "work-dlq", maxReceiveCount: 5)
            Queue("work-dlq")
            Rule("to-work", on: "app", pattern: #"{"source": ["orders"]}"#, targets: [.queue("work")])
            Function("api", memoryMB: 256) { _ in Nothing() }.http("GET /a", "POST /a")
            Function("worker", timeout: .seconds(30)) { _ in Nothing() }
                .queue("work", batchSize: 5)
                .schedule("cron(0 2 * * ? *)", timeZone: "Europe/Berlin")
        }
        #expect(
            ManifestTables(manifest: app).rendered == """
                FUNCTION  TRIGGERS                         MEMORY  TIMEOUT
                api       GET /a                           256 MB  3 s
                          POST /a
                worker    queue work (batch 5)             128 MB  30 s
                          cron(0 2 * * ? *) Europe/Berlin

                QUEUE     TYPE      VISIBILITY  DEAD-LETTER QUEUE
                work      standard  30 s        work-dlq after 5
                work-dlq  standard  30 s        -

                RULE     BUS  TARGETS
                to-work  app  queue:work
                """
        )
    }

    @Test func anAppWithoutQueuesOrRulesShowsOnlyItsFunctions() {
        let app = AppManifest("a", version: "1") { Function("solo") { _ in Nothing() } }
        #expect(
            ManifestTables(manifest: app).rendered == """
                FUNCTION  TRIGGERS  MEMORY  TIMEOUT
                solo      -         128 MB  3 s
                """
        )
    }

    @Test func tableStreamTriggersAreListedWhereTheyRun() {
        let app = AppManifest("a", version: "1") {
            Function("relay") { _ in Nothing() }.tableStream(batchSize: 100)
        }
        #expect(
            ManifestTables(manifest: app, runsTableStreams: true).rendered == """
                FUNCTION  TRIGGERS                  MEMORY  TIMEOUT
                relay     table stream (batch 100)  128 MB  3 s
                """
        )
        #expect(
            ManifestTables(manifest: app).rendered.contains("relay     -"), "the local cloud's relay does their work")
    }
}
