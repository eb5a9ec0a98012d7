import Cloud
import Foundation
import JSONCoding
import LocalCloud
import StratusTesting
import Testing

/// EventBridge's operations on the AWS JSON protocol endpoint, on a local bus: AWS's error shapes for bad input and
/// missing resources, per-entry results, and targets read back as they were put.
@Suite("EventBridge on the AWS JSON protocol endpoint")
struct EventBridgeOperationsTests {
    /// An endpoint answering EventBridge on a bus (delivering to queues) in `directory`.
    static func endpoint(in directory: TemporaryDirectory) throws -> AWSJSONEndpoint {
        let queues = try SQLiteMessageQueue(path: directory.path("queues.sqlite"))
        let bus = try SQLiteEventBus(path: directory.path("bus.sqlite"), queues: queues)
        return AWSJSONEndpoint(services: [.sqs(queues: queues), .eventBridge(bus: bus)])
    }

    /// Calls `AWSEvents.<operation>` with `body`, expecting it to succeed, and returns the output.
    static func succeed(
        _ endpoint: AWSJSONEndpoint, _ operation: String, _ body: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async -> [String: JSONValue] {
        let (answer, output) = await AWSJSONEndpointTests.call(endpoint, "AWSEvents.\(operation)", body)
        #expect(answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self))", sourceLocation: sourceLocation)
        return output
    }

    @Test(arguments: [
        ("PutEvents", "{}", "ValidationException"),
        ("PutEvents", #"{"Entries":{"Source":"a"}}"#, "ValidationException"),
        ("PutEvents", #"{"Entries":[]}"#, "ValidationException"),
        ("PutEvents", #"{"Entries":[{"Source":"a","Time":"yesterday"}]}"#, "ValidationException"),
        (
            "PutEvents", #"{"Entries":[{"Source":"a","EventBusName":"arn:aws:events:eu-west-1:1:rule/x"}]}"#,
            "ValidationException"
        ),
        ("CreateEventBus", #"{"Name":"default"}"#, "ResourceAlreadyExistsException"),
        ("CreateEventBus", #"{"Name":"no spaces"}"#, "ValidationException"),
        ("DescribeEventBus", #"{"Name":"nowhere"}"#, "ResourceNotFoundException"),
        ("PutRule", #"{"Name":"r","EventPattern":"{\"source\":\"x\"}"}"#, "InvalidEventPatternException"),
        ("PutRule", #"{"Name":"r","ScheduleExpression":"rate(1 minute)"}"#, "ValidationException"),
        ("PutRule", #"{"Name":"r","EventPattern":"{\"source\":[\"a\"]}","State":"ON"}"#, "ValidationException"),
        (
            "PutRule", #"{"Name":"r","EventPattern":"{\"source\":[\"a\"]}","EventBusName":"nowhere"}"#,
            "ResourceNotFoundException"
        ),
        ("PutRule", #"{"Name":"r","EventPattern":"{\"detail\":{}}"}"#, "InvalidEventPatternException"),
        ("DescribeRule", #"{"Name":"none"}"#, "ResourceNotFoundException"),
        ("EnableRule", #"{"Name":"none"}"#, "ResourceNotFoundException"),
        ("DisableRule", #"{"Name":"r","EventBusName":"nowhere"}"#, "ResourceNotFoundException"),
        ("DisableRule", "{}", "ValidationException"),
        ("ListEventBuses", #"{"Limit":101}"#, "ValidationException"),
        ("ListRuleNamesByTarget", "{}", "ValidationException"),
        ("ListRuleNamesByTarget", #"{"TargetArn":"arn:aws:sns:eu-west-1:0:topic"}"#, "ValidationException"),
        (
            "ListRuleNamesByTarget", #"{"TargetArn":"arn:aws:sqs:eu-west-1:0:q","EventBusName":"nowhere"}"#,
            "ResourceNotFoundException"
        ),
        ("ListRules", #"{"Limit":0}"#, "ValidationException"),
        (
            "PutTargets", #"{"Rule":"none","Targets":[{"Id":"q","Arn":"arn:aws:sqs:eu-west-1:0:q"}]}"#,
            "ResourceNotFoundException"
        ),
        (
            "PutTargets", #"{"Rule":"r","Targets":[{"Id":"q","Arn":"arn:aws:sns:eu-west-1:0:topic"}]}"#,
            "ValidationException"
        ),
        ("PutTargets", #"{"Rule":"r"}"#, "ValidationException"),
        (
            "PutTargets", #"{"Rule":"r","Targets":[{"Id":"q","Arn":"arn:aws:sqs:eu-west-1:0:q.fifo"}]}"#,
            "ValidationException"
        ),
        (
            "PutTargets",
            #"{"Rule":"r","Targets":[{"Id":"q","Arn":"arn:aws:sqs:eu-west-1:0:q.fifo","SqsParameters":{}}]}"#,
            "ValidationException"
        ),
        (
            "PutTargets",
            #"{"Rule":"r","Targets":[{"Id":"q","Arn":"arn:aws:sqs:eu-west-1:0:q.fifo","SqsParameters":"g"}]}"#,
            "ValidationException"
        ),
        (
            "PutTargets",
            #"{"Rule":"r","Targets":[{"Id":"q","Arn":"arn:aws:sqs:eu-west-1:0:q","SqsParameters":{"MessageGroupId":7}}]}"#,
            "ValidationException"
        ),
        ("RemoveTargets", #"{"Rule":"none","Ids":["q"]}"#, "ResourceNotFoundException"),
        ("ListTargetsByRule", #"{"Rule":"none"}"#, "ResourceNotFoundException"),
        ("ListArchives", #"{"EventSourceArn":"arn:aws:events:eu-west-1:1:archive/a"}"#, "ValidationException"),
        (
            "StartReplay",
            #"{"ReplayName":"r","EventSourceArn":"arn:aws:events:eu-west-1:1:archive/none","EventStartTime":0,"EventEndTime":1,"Destination":{"Arn":"arn:aws:events:eu-west-1:1:event-bus/default"}}"#,
            "ResourceNotFoundException"
        ),
        (
            "StartReplay",
            #"{"ReplayName":"r","EventSourceArn":"arn:aws:events:eu-west-1:1:archive/a","EventStartTime":0,"EventEndTime":1}"#,
            "ValidationException"
        ),
        (
            "StartReplay",
            #"{"ReplayName":"r","EventSourceArn":"arn:aws:events:eu-west-1:1:archive/a","EventStartTime":-5,"EventEndTime":1,"Destination":{"Arn":"x"}}"#,
            "ValidationException"
        ),
        ("ListReplays", #"{"State":"PAUSED"}"#, "ValidationException"),
        ("ListReplays", #"{"Limit":101}"#, "ValidationException"),
        ("ListReplays", #"{"EventSourceArn":"arn:aws:events:eu-west-1:1:event-bus/default"}"#, "ValidationException"),
        ("CancelReplay", "{}", "ValidationException"),
        ("CancelReplay", #"{"ReplayName":"none"}"#, "ResourceNotFoundException"),
        ("TagResource", #"{"ResourceARN":"arn:aws:events:eu-west-1:1:rule/r"}"#, "ValidationException"),
        ("TagResource", #"{"ResourceARN":"arn:aws:events:eu-west-1:1:archive/a","Tags":[]}"#, "ValidationException"),
        ("TagResource", #"{"ResourceARN":"arn:aws:sqs:eu-west-1:1:q","Tags":[]}"#, "ValidationException"),
        (
            "TagResource", #"{"ResourceARN":"arn:aws:events:eu-west-1:1:rule/r","Tags":[{"Key":"k"}]}"#,
            "ValidationException"
        ),
        (
            "TagResource", #"{"ResourceARN":"arn:aws:events:eu-west-1:1:rule/none","Tags":[{"Key":"k","Value":"v"}]}"#,
            "ResourceNotFoundException"
        ),
        ("UntagResource", #"{"ResourceARN":"arn:aws:events:eu-west-1:1:rule/r"}"#, "ValidationException"),
        ("ListTagsForResource", "{}", "ValidationException"),
        (
            "ListTagsForResource",
            #"{"ResourceARN":"arn:aws:events:eu-west-1:1:rule/\#(String(repeating: "r", count: 1600))"}"#,
            "ValidationException"
        ),
        (
            "ListTagsForResource", #"{"ResourceARN":"arn:aws:events:eu-west-1:1:event-bus/none"}"#,
            "ResourceNotFoundException"
        ),
        ("CreateEventBus", #"{"Name":"tagged","Tags":[{"Key":"aws:x","Value":"v"}]}"#, "ValidationException"),
        ("PutRule", #"{"Name":"t","EventPattern":"{}","Tags":[{"Key":"","Value":"v"}]}"#, "ValidationException"),
    ])
    func badInputAndMissingResourcesAnswerEventBridgesErrorShapes(
        _ operation: String, _ body: String, _ type: String
    ) async throws {
        let directory = try TemporaryDirectory()
        let endpoint = try Self.endpoint(in: directory)
        _ = await Self.succeed(endpoint, "PutRule", #"{"Name":"r","EventPattern":"{\"source\":[\"a\"]}"}"#)
        let (answer, error) = await AWSJSONEndpointTests.call(endpoint, "AWSEvents.\(operation)", body)
        #expect(answer.status == 400)
        #expect(answer.contentType == "application/x-amz-json-1.1")
        #expect(error["__type"] == .string(type), "\(operation) \(body)")
        #expect(error["message"]?.stringValue?.isEmpty == false)
        #expect(answer.queryError == nil)
    }

    @Test func eachEventIsAcceptedOrRefusedOnItsOwnInOrder() async throws {
        let directory = try TemporaryDirectory()
        let endpoint = try Self.endpoint(in: directory)
        let output = await Self.succeed(
            endpoint, "PutEvents",
            #"{"Entries":[{"Source":"a","DetailType":"T","Detail":"{}","Time":1767225600.25},"#
                + #"{"DetailType":"T","Detail":"{}"},{"Source":"a","DetailType":"T","Detail":"[1]"},"#
                + #"{"Source":"a","DetailType":"T","Detail":"{}","EventBusName":"nowhere"}]}"#)
        #expect(output["FailedEntryCount"] == 3)
        let entries = try #require(output["Entries"]?.arrayValue)
        #expect(entries.count == 4)
        #expect(entries[0]["EventId"]?.stringValue?.isEmpty == false)
        #expect(
            entries.dropFirst().map { $0["ErrorCode"] } == [
                "InvalidArgument", "MalformedDetail", "ResourceNotFoundException",
            ])
        #expect(entries.dropFirst().allSatisfy { $0["ErrorMessage"]?.stringValue?.isEmpty == false })
    }

    @Test func aTargetIsListedAsItWasPutOnABusNamedByARN() async throws {
        let directory = try TemporaryDirectory()
        let endpoint = try Self.endpoint(in: directory)
        let created = await Self.succeed(endpoint, "CreateEventBus", #"{"Name":"shop"}"#)
        let busARN = try #require(created["EventBusArn"]?.stringValue)
        #expect(busARN == "arn:aws:events:eu-west-1:\(LocalAccount.id):event-bus/shop")
        let rule = await Self.succeed(
            endpoint, "PutRule", #"{"Name":"r","EventPattern":"{\"source\":[\"a\"]}","EventBusName":"\#(busARN)"}"#)
        #expect(rule["RuleArn"] == .string("arn:aws:events:eu-west-1:\(LocalAccount.id):rule/shop/r"))
        let target: JSONValue = [
            "Id": "q", "Arn": "arn:aws:sqs:eu-west-1:123456789012:jobs",
            "InputTransformer": ["InputPathsMap": ["total": "$.detail.total"], "InputTemplate": #"{"t": <total>}"#],
            "DeadLetterConfig": ["Arn": "arn:aws:sqs:eu-west-1:123456789012:jobs-dlq"],
            "RetryPolicy": ["MaximumRetryAttempts": 4, "MaximumEventAgeInSeconds": 600],
        ]
        let function: JSONValue = [
            "Id": "f", "Arn": .string("arn:aws:lambda:eu-west-1:\(LocalAccount.id):function:worker"),
            "InputPath": "$.detail",
        ]
        let targets = String(decoding: try JSONEncoder().encode(JSONValue.array([target, function])), as: UTF8.self)
        let put = await Self.succeed(
            endpoint, "PutTargets", #"{"Rule":"r","EventBusName":"shop","Targets":\#(targets)}"#)
        #expect(put["FailedEntryCount"] == 0)
        let listed = await Self.succeed(endpoint, "ListTargetsByRule", #"{"Rule":"r","EventBusName":"shop"}"#)
        let read = try #require(listed["Targets"]?.arrayValue)
        #expect(read.count == 2)
        #expect(read.first { $0["Id"] == "q" } == target)
        #expect(read.first { $0["Id"] == "f" }?["Arn"] == function["Arn"])
        #expect(read.first { $0["Id"] == "f" }?["InputPath"] == "$.detail")

        let removed = await Self.succeed(
            endpoint, "RemoveTargets", #"{"Rule":"r","EventBusName":"shop","Ids":["f","x"]}"#)
        #expect(removed["FailedEntryCount"] == 1)
        #expect(removed["FailedEntries"]?.arrayValue?.first?["TargetId"] == "x")
    }

    /// Tags given when a bus or rule is made are listed by its ARN; tags refused when it is made leave nothing made.
    @Test func tagsGivenAtCreationAreListedByARNAndRefusedOnesMakeNothing() async throws {
        let directory = try TemporaryDirectory()
        let endpoint = try Self.endpoint(in: directory)
        let bus = await Self.succeed(
            endpoint, "CreateEventBus", #"{"Name":"shop","Tags":[{"Key":"team","Value":"orders"}]}"#)
        let rule = await Self.succeed(
            endpoint, "PutRule",
            #"{"Name":"r","EventBusName":"shop","EventPattern":"{\"source\":[\"a\"]}","Tags":[{"Key":"b","Value":"2"},{"Key":"a","Value":"1"}]}"#
        )
        for (created, tags) in [
            (bus["EventBusArn"], [["Key": "team", "Value": "orders"]]),
            (rule["RuleArn"], [["Key": "a", "Value": "1"], ["Key": "b", "Value": "2"]]),
        ] {
            let arn = try #require(created?.stringValue)
            let listed = await Self.succeed(endpoint, "ListTagsForResource", #"{"ResourceARN":"\#(arn)"}"#)
            #expect(listed["Tags"] == .array(tags.map { .object($0.mapValues(JSONValue.string)) }))
        }
        let tagsPast50 = (0..<50).map { #"{"Key":"k\#($0)","Value":"v"}"# }.joined(separator: ",")
        let (overfull, _) = await AWSJSONEndpointTests.call(
            endpoint, "AWSEvents.PutRule",
            #"{"Name":"r","EventBusName":"shop","EventPattern":"{\"source\":[\"b\"]}","Tags":[\#(tagsPast50)]}"#)
        #expect(overfull.status == 400, "the rule's two tags and fifty more are past fifty")
        let kept = await Self.succeed(endpoint, "DescribeRule", #"{"Name":"r","EventBusName":"shop"}"#)
        #expect(kept["EventPattern"] == .string(#"{"source":["a"]}"#), "a refused PutRule leaves the rule as it was")
        let refused = #"{"Name":"other","Tags":[{"Key":"k","Value":"<v>"}]}"#
        let (answer, _) = await AWSJSONEndpointTests.call(endpoint, "AWSEvents.CreateEventBus", refused)
        #expect(answer.status == 400)
        let (missing, _) = await AWSJSONEndpointTests.call(endpoint, "AWSEvents.DescribeEventBus", #"{"Name":"other"}"#)
        #expect(missing.status == 400, "a bus whose tags were refused is not made")
    }

    @Test func busesAreListedByPrefixAPageAtATimeAndDescribedOnlyWhenTheyExist() async throws {
        let directory = try TemporaryDirectory()
        let endpoint = try Self.endpoint(in: directory)
        for name in ["shop-b", "shop-a", "audit"] {
            _ = await Self.succeed(endpoint, "CreateEventBus", #"{"Name":"\#(name)"}"#)
        }
        let all = await Self.succeed(endpoint, "ListEventBuses", "{}")
        #expect(all["EventBuses"]?.arrayValue?.map { $0["Name"] } == ["audit", "default", "shop-a", "shop-b"])
        #expect(all["NextToken"] == nil)
        let first = await Self.succeed(endpoint, "ListEventBuses", #"{"NamePrefix":"shop-","Limit":1}"#)
        #expect(
            first["EventBuses"]
                == [["Name": "shop-a", "Arn": .string("arn:aws:events:eu-west-1:\(LocalAccount.id):event-bus/shop-a")]])
        let token = try #require(first["NextToken"]?.stringValue)
        let second = await Self.succeed(
            endpoint, "ListEventBuses", #"{"NamePrefix":"shop-","Limit":1,"NextToken":"\#(token)"}"#)
        #expect(second["EventBuses"]?.arrayValue?.map { $0["Name"] } == ["shop-b"])
        #expect(second["NextToken"] == nil)
        let described = await Self.succeed(endpoint, "DescribeEventBus", #"{"Name":"shop-a"}"#)
        #expect(described["Name"] == "shop-a")
        _ = await Self.succeed(endpoint, "DeleteEventBus", #"{"Name":"shop-a"}"#)
        let (gone, error) = await AWSJSONEndpointTests.call(
            endpoint, "AWSEvents.DescribeEventBus", #"{"Name":"shop-a"}"#)
        #expect(gone.status == 400)
        #expect(error["__type"] == "ResourceNotFoundException")
    }

    /// A disabled rule keeps its pattern and targets and routes nothing until it is enabled again; rules are found
    /// by the queue they deliver to.
    @Test func aRuleIsDisabledAndEnabledAndFoundByItsTarget() async throws {
        let directory = try TemporaryDirectory()
        let queues = try SQLiteMessageQueue(path: directory.path("queues.sqlite"))
        let bus = try SQLiteEventBus(path: directory.path("bus.sqlite"), queues: queues)
        let endpoint = AWSJSONEndpoint(services: [.eventBridge(bus: bus)])
        try await queues.createQueue("jobs")
        for rule in ["r", "s", "t"] {
            _ = await Self.succeed(endpoint, "PutRule", #"{"Name":"\#(rule)","EventPattern":"{\"source\":[\"a\"]}"}"#)
        }
        for rule in ["s", "r"] {
            _ = await Self.succeed(
                endpoint, "PutTargets",
                #"{"Rule":"\#(rule)","Targets":[{"Id":"q","Arn":"arn:aws:sqs:eu-west-1:\#(LocalAccount.id):jobs"}]}"#)
        }
        let found = await Self.succeed(
            endpoint, "ListRuleNamesByTarget", #"{"TargetArn":"arn:aws:sqs:eu-west-1:\#(LocalAccount.id):jobs"}"#)
        #expect(found == ["RuleNames": ["r", "s"]])
        let paged = await Self.succeed(
            endpoint, "ListRuleNamesByTarget",
            #"{"TargetArn":"arn:aws:sqs:eu-west-1:\#(LocalAccount.id):jobs","Limit":1,"NextToken":"r"}"#)
        #expect(paged == ["RuleNames": ["s"]])

        _ = await Self.succeed(endpoint, "DisableRule", #"{"Name":"s"}"#)
        _ = await Self.succeed(endpoint, "DisableRule", #"{"Name":"r"}"#)
        let disabled = await Self.succeed(endpoint, "DescribeRule", #"{"Name":"r"}"#)
        #expect(disabled["State"] == "DISABLED")
        #expect(disabled["EventPattern"] == #"{"source":["a"]}"#)
        let put = #"{"Entries":[{"Source":"a","DetailType":"T","Detail":"{}"}]}"#
        _ = await Self.succeed(endpoint, "PutEvents", put)
        _ = await Self.succeed(endpoint, "EnableRule", #"{"Name":"r"}"#)
        _ = await Self.succeed(endpoint, "EnableRule", #"{"Name":"r"}"#)
        #expect(await Self.succeed(endpoint, "DescribeRule", #"{"Name":"r"}"#)["State"] == "ENABLED")
        let targets = await Self.succeed(endpoint, "ListTargetsByRule", #"{"Rule":"r"}"#)
        #expect(targets["Targets"]?.arrayValue?.map { $0["Id"] } == ["q"])
        _ = await Self.succeed(endpoint, "PutEvents", put)
        #expect(try await bus.deliverDue() == 1, "only the event put while r was enabled is delivered")
        #expect(try await queues.receive(from: "jobs", maxMessages: 10, waitTime: .zero).count == 1)

        // The state that also takes CloudTrail's management events routes as ENABLED does, and is kept as it was put.
        let cloudTrail = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS"
        _ = await Self.succeed(
            endpoint, "PutRule", #"{"Name":"s","EventPattern":"{\"source\":[\"a\"]}","State":"\#(cloudTrail)"}"#)
        #expect(await Self.succeed(endpoint, "DescribeRule", #"{"Name":"s"}"#)["State"] == .string(cloudTrail))
        _ = await Self.succeed(endpoint, "PutEvents", put)
        #expect(try await bus.deliverDue() == 2, "r and s route it")
    }

    @Test func deletingARuleWithTargetsIsRefusedAndDeletingAMissingRuleSucceeds() async throws {
        let directory = try TemporaryDirectory()
        let endpoint = try Self.endpoint(in: directory)
        _ = await Self.succeed(endpoint, "PutRule", #"{"Name":"r","EventPattern":"{\"source\":[\"a\"]}"}"#)
        _ = await Self.succeed(
            endpoint, "PutTargets", #"{"Rule":"r","Targets":[{"Id":"q","Arn":"arn:aws:sqs:eu-west-1:0:jobs"}]}"#)
        let (refused, error) = await AWSJSONEndpointTests.call(endpoint, "AWSEvents.DeleteRule", #"{"Name":"r"}"#)
        #expect(refused.status == 400)
        #expect(error["__type"] == "ValidationException")
        _ = await Self.succeed(endpoint, "RemoveTargets", #"{"Rule":"r","Ids":["q"]}"#)
        _ = await Self.succeed(endpoint, "DeleteRule", #"{"Name":"r"}"#)
        _ = await Self.succeed(endpoint, "DeleteRule", #"{"Name":"r"}"#)
        let listed = await Self.succeed(endpoint, "ListRules", "{}")
        #expect(listed["Rules"] == [])
    }
}
