import Cloud
import JSONCoding
import Testing

/// `PutEvents`: its limits, its per-entry results, and the envelope EventBridge wraps around each event.
let putEventsChecks: [EventBusContract.Check] = [
    .init("a request of 0 or 11 entries, or of more than 1 MB, is a ValidationException and puts nothing") {
        scenario in
        let (bus, queue) = try await scenario.route()
        let entry = PutEventsEntry(source: "orders", detailType: "OrderPlaced", detail: "{}", eventBusName: bus)
        await expectBusError(.validation) { _ = try await scenario.bus.putEvents([]) }
        await expectBusError(.validation) {
            _ = try await scenario.bus.putEvents(Array(repeating: entry, count: 11))
        }
        // The size counts source, detail type and detail: fill the detail up to the limit exactly, then one more.
        let overhead = "orders".utf8.count + "OrderPlaced".utf8.count + #"{"pad":""}"#.utf8.count
        func padded(_ size: Int) -> PutEventsEntry {
            var large = entry
            large.detail = #"{"pad":""# + String(repeating: "x", count: size - overhead) + #""}"#
            return large
        }
        await expectBusError(.validation) {
            _ = try await scenario.bus.putEvents([padded(EventBusLimits.requestSize + 1)])
        }
        #expect(try await scenario.delivered(to: queue).isEmpty)
        // An event of exactly the limit is accepted. With its envelope it is over an SQS message's 1 MiB, so it goes
        // where no rule sends it; one a little smaller reaches the queue.
        var atLimitElsewhere = padded(EventBusLimits.requestSize)
        atLimitElsewhere.source = "others"
        let atLimit = try await scenario.bus.putEvents([atLimitElsewhere])
        #expect(atLimit.failedEntryCount == 0, "exactly 1 MB is allowed")
        let large = try await scenario.bus.putEvents([padded(EventBusLimits.requestSize - 4096)])
        #expect(large.failedEntryCount == 0)
        let delivered = try await scenario.delivered(to: queue)
        #expect(delivered.count == 1)
        #expect(delivered.first.map { $0.body.utf8.count > EventBusLimits.requestSize - 4096 } == true)
    },
    .init("each entry succeeds or fails on its own, in order, with EventBridge's error codes and a failure count") {
        scenario in
        let (bus, queue) = try await scenario.route()
        let good = PutEventsEntry(source: "orders", detailType: "OrderPlaced", detail: #"{"n": 1}"#, eventBusName: bus)
        var noSource = good
        noSource.source = ""
        var notJSON = good
        notJSON.detail = "{not json"
        var notObject = good
        notObject.detail = "[1, 2]"
        // EventBridge itself has been reported to accept events for a bus that does not exist (aws/aws-cli#9186);
        // the contract asks for the per-entry ResourceNotFoundException that moto and the local bus give.
        var unknownBus = good
        unknownBus.eventBusName = scenario.name("nowhere")
        var awsSource = good
        awsSource.source = "aws.ec2"
        let result = try await scenario.bus.putEvents([
            good, noSource, notJSON, notObject, unknownBus, awsSource, good,
        ])
        #expect(result.entries.count == 7)
        #expect(result.failedEntryCount == 5)
        #expect(
            result.entries.map(\.errorCode) == [
                nil, "InvalidArgument", "MalformedDetail", "MalformedDetail", "ResourceNotFoundException",
                "NotAuthorizedForSourceException", nil,
            ])
        let ids = result.entries.compactMap(\.eventID)
        #expect(ids.count == 2 && ids[0] != ids[1])
        #expect(try await scenario.delivered(to: queue).count == 2, "only the accepted events are delivered")
    },
    .init(
        "the delivered event carries EventBridge's envelope: version, id, source, detail-type, account, region, time, resources, detail"
    ) {
        scenario in
        let (bus, queue) = try await scenario.route()
        let time: Int64 = 1_764_547_200_000  // 2025-12-01T00:00:00Z
        let result = try await scenario.bus.putEvents([
            PutEventsEntry(
                source: "orders", detailType: "OrderPlaced", detail: #"{"id": "o-7"}"#,
                resources: ["arn:aws:s3:::bucket"], timeMilliseconds: time, eventBusName: bus)
        ])
        let id = try #require(result.entries.first?.eventID)
        let event = try #require(try await scenario.deliveredEvents(to: queue).first)
        #expect(event["version"] == "0")
        #expect(event["id"] == .string(id))
        #expect(event["source"] == "orders")
        #expect(event["detail-type"] == "OrderPlaced")
        #expect(event["time"] == "2025-12-01T00:00:00Z")
        #expect(event["resources"] == ["arn:aws:s3:::bucket"])
        #expect(event["detail"] == ["id": "o-7"])
        let account = try #require(event["account"]?.stringValue)
        #expect(account.count == 12 && account.allSatisfy(\.isNumber))
        #expect(event["region"]?.stringValue?.isEmpty == false)
        #expect(event["replay-name"] == nil)
    },
    .init("a detail's numbers reach the target with every digit sent, beyond what a Double holds") { scenario in
        let (bus, queue) = try await scenario.route()
        let detail = #"{"orderId": 12345678901234567890, "count": 9007199254740993, "ok": true}"#
        let result = try await scenario.bus.putEvents([
            PutEventsEntry(source: "orders", detailType: "OrderPlaced", detail: detail, eventBusName: bus)
        ])
        #expect(result.failedEntryCount == 0)
        let body = try #require(try await scenario.delivered(to: queue).first?.body)
        #expect(body.contains("12345678901234567890"), "\(body)")
        #expect(body.contains("9007199254740993"), "\(body)")
    },
]
