import Cloud
import JSONCoding
import Testing

@testable import AWS

/// What ``EventBridgeBus`` sends and how it reads the answers, against a scripted transport: entries and targets the
/// port refuses are never sent, queues and functions become ARNs of the account the default bus's ARN names, and
/// EventBridge's errors become the port's.
struct EventBridgeBusRequestTests {
    private static let defaultBus = ScriptedTransport.ok(
        #"{"Name":"default","Arn":"arn:aws:events:eu-west-1:210987654321:event-bus/default"}"#)

    @Test func entriesThePortRefusesFailInPlaceAndOnlyTheOthersAreSent() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.ok(
                #"{"FailedEntryCount":1,"Entries":[{"EventId":"e-1"},"#
                    + #"{"ErrorCode":"ResourceNotFoundException","ErrorMessage":"no bus"}]}"#)
        ])
        let bus = EventBridgeBus(client: try scriptedClient(.eventBridge, transport))
        let good = PutEventsEntry(
            source: "orders", detailType: "OrderPlaced", detail: #"{"n":1}"#, timeMilliseconds: 1_764_547_200_500,
            eventBusName: "app", traceHeader: "Root=1-abc")
        var noSource = good
        noSource.source = ""
        var elsewhere = good
        elsewhere.eventBusName = "gone"
        let result = try await bus.putEvents([good, noSource, elsewhere])
        #expect(result.entries.map(\.eventID) == ["e-1", nil, nil])
        #expect(result.entries.map(\.errorCode) == [nil, "InvalidArgument", "ResourceNotFoundException"])
        let request = try #require(transport.requests.first)
        #expect(transport.requests.count == 1)
        #expect(request.operation == "PutEvents")
        let sent = try #require(request.input?["Entries"]?.arrayValue)
        #expect(sent.count == 2)
        #expect(sent[0]["Time"] == .number(1_764_547_200.5))
        #expect(sent[0]["TraceHeader"] == "Root=1-abc")
        #expect(sent[0]["EventBusName"] == "app")
    }

    @Test func aRequestOverTheSizeLimitIsRefusedWithoutACall() async throws {
        let transport = ScriptedTransport([])
        let bus = EventBridgeBus(client: try scriptedClient(.eventBridge, transport))
        let large = PutEventsEntry(
            source: "s", detailType: "d",
            detail: #"{"x":""# + String(repeating: "x", count: EventBusLimits.requestSize) + #""}"#)
        let error = await #expect(throws: EventBusError.self) { _ = try await bus.putEvents([large]) }
        #expect(error?.code == .validation)
        #expect(transport.requests.isEmpty)
    }

    @Test func targetsNameQueuesAndFunctionsByARNInTheDefaultBussAccountLearntOnce() async throws {
        let transport = ScriptedTransport([
            Self.defaultBus, ScriptedTransport.ok(#"{"FailedEntryCount":0}"#), ScriptedTransport.ok("{}"),
        ])
        let bus = EventBridgeBus(client: try scriptedClient(.eventBridge, transport))
        let queue = RuleTarget(
            id: "q", destination: .queue("work"), inputPath: "$.detail", deadLetterQueue: "work-dlq",
            retryPolicy: TargetRetryPolicy(maximumRetryAttempts: 3, maximumEventAgeSeconds: 600))
        let refused = RuleTarget(id: "bad", destination: .queue("work"), inputPath: "detail")
        let notJSON = RuleTarget(id: "text", destination: .queue("work"), input: "{not json")
        let longest = "\"" + String(repeating: "x", count: EventBusLimits.inputTemplateLength - 2) + "\""
        let tooLong = RuleTarget(id: "long", destination: .queue("work"), input: longest + " ")
        let fits = RuleTarget(id: "fits", destination: .queue("work"), input: longest)
        let failures = try await bus.putTargets([refused, notJSON, tooLong, fits, queue], rule: "r", bus: "app")
        #expect(failures.map(\.targetID) == ["bad", "text", "long"])
        let function = RuleTarget(id: "f", destination: .function("mailer"), input: #"{"job": 1}"#)
        _ = try await bus.putTargets([function], rule: "r", bus: "app")
        #expect(transport.requests.map(\.operation) == ["DescribeEventBus", "PutTargets", "PutTargets"])
        let first = try #require(transport.requests[1].input?["Targets"]?.arrayValue)
        #expect(first.map { $0["Id"] } == ["fits", "q"])
        #expect(first[0]["Input"] == .string(longest))
        #expect(first[1]["Arn"] == "arn:aws:sqs:eu-west-1:210987654321:work")
        #expect(first[1]["DeadLetterConfig"]?["Arn"] == "arn:aws:sqs:eu-west-1:210987654321:work-dlq")
        #expect(first[1]["RetryPolicy"] == ["MaximumRetryAttempts": 3, "MaximumEventAgeInSeconds": 600])
        let second = try #require(transport.requests[2].input?["Targets"]?.arrayValue)
        #expect(second[0]["Arn"] == "arn:aws:lambda:eu-west-1:210987654321:function:mailer")
        #expect(second[0]["Input"] == #"{"job": 1}"#)
    }

    @Test func listedTargetsAreReadBackFromTheirARNs() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.ok(
                #"{"Targets":[{"Id":"z","Arn":"arn:aws:lambda:eu-west-1:1:function:mailer:live"},"#
                    + #"{"Id":"a","Arn":"arn:aws:sqs:eu-west-1:1:work","InputTransformer":"#
                    + #"{"InputPathsMap":{"id":"$.detail.id"},"InputTemplate":"<id>"},"#
                    + #""DeadLetterConfig":{"Arn":"arn:aws:sqs:eu-west-1:1:dlq"}}],"NextToken":"t"}"#),
            ScriptedTransport.ok(#"{"Targets":[]}"#),
        ])
        let bus = EventBridgeBus(client: try scriptedClient(.eventBridge, transport))
        let targets = try await bus.listTargets(rule: "r", bus: "app")
        #expect(targets.map(\.id) == ["a", "z"])
        #expect(targets[0].destination == .queue("work"))
        #expect(
            targets[0].inputTransformer == InputTransformer(inputPathsMap: ["id": "$.detail.id"], inputTemplate: "<id>")
        )
        #expect(targets[0].deadLetterQueue == "dlq")
        #expect(targets[1].destination == .function("mailer"))
        #expect(transport.requests[1].input?["NextToken"] == "t")
    }

    @Test func deletingARuleOrReplayingAnArchiveThatDoesNotExistIsNotFoundAndSendsNothingMore() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.error(400, "ResourceNotFoundException"),
            ScriptedTransport.error(400, "ResourceNotFoundException"),
        ])
        let bus = EventBridgeBus(client: try scriptedClient(.eventBridge, transport))
        let rule = await #expect(throws: EventBusError.self) { try await bus.deleteRule("r", bus: "app") }
        #expect(rule?.code == .resourceNotFound)
        let replay = await #expect(throws: EventBusError.self) {
            _ = try await bus.startReplay(
                EventReplay(name: "r", archive: "a", fromMilliseconds: 0, toMilliseconds: 1, destinationBus: "app"))
        }
        #expect(replay?.code == .resourceNotFound)
        #expect(transport.requests.map(\.operation) == ["DescribeRule", "DescribeArchive"])
    }

    @Test func otherRefusalsAreValidationAndServerFailuresInternal() async throws {
        let transport = ScriptedTransport(
            [ScriptedTransport.error(400, "ConcurrentModificationException")]
                + Array(repeating: ScriptedTransport.error(500, "InternalException"), count: 3))
        let bus = EventBridgeBus(client: try scriptedClient(.eventBridge, transport))
        let refused = await #expect(throws: EventBusError.self) { try await bus.createEventBus("app") }
        #expect(refused?.code == .validation)
        let failed = await #expect(throws: EventBusError.self) { try await bus.createEventBus("app") }
        #expect(failed?.code == .internalFailure)
    }

    /// `ListReplays` takes one filter: with an archive, the prefix is applied to what the archive's ARN lists.
    @Test func replaysOfAnArchiveAreListedByItsARNAloneAndFilteredByPrefixHere() async throws {
        let transport = ScriptedTransport([
            Self.defaultBus,
            ScriptedTransport.ok(#"{"Replays":[{"ReplayName":"nightly-2"},{"ReplayName":"adhoc"}],"NextToken":"t"}"#),
            ScriptedTransport.ok(#"{"Replays":[{"ReplayName":"nightly-1"}]}"#),
        ])
        let bus = EventBridgeBus(client: try scriptedClient(.eventBridge, transport))
        #expect(try await bus.listReplays(prefix: "nightly", archive: "orders") == ["nightly-1", "nightly-2"])
        let listed = transport.requests.filter { $0.operation == "ListReplays" }
        #expect(listed.count == 2)
        #expect(
            listed[0].input == ["EventSourceArn": "arn:aws:events:eu-west-1:210987654321:archive/orders"])
        #expect(listed[1].input?["NextToken"] == "t")
        #expect(listed[1].input?["NamePrefix"] == nil)
    }
}
