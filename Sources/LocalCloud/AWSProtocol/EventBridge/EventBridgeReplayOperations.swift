import Cloud
import JSONCoding

extension EventBridgeOperations {
    /// `StartReplay`: replays the events the archive `EventSourceArn` kept from `EventStartTime` up to `EventEndTime`
    /// to the bus `Destination.Arn` (the archive's source), to the rules `Destination.FilterArns` only when given;
    /// answered with the `ReplayArn` and its `State`.
    static func startReplay(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("StartReplay") { request throws(AWSProtocolError) in
            let input = request.input
            let name = try input.requiredString("ReplayName")
            let archive = try EventBridgeAddress.name(
                "archive", of: input.requiredString("EventSourceArn"), parameter: "EventSourceArn")
            guard let from = try input.timestampMilliseconds("EventStartTime") else {
                throw input.missing("EventStartTime")
            }
            guard let to = try input.timestampMilliseconds("EventEndTime") else { throw input.missing("EventEndTime") }
            guard let destination = try input.structure("Destination") else { throw input.missing("Destination") }
            let destinationBus = try EventBridgeAddress.name(
                "event-bus", of: destination.requiredString("Arn"), parameter: "Destination.Arn")
            var rules: [String]?
            for arn in try destination.strings("FilterArns") ?? [] {
                let path = try EventBridgeAddress.name("rule", of: arn, parameter: "Destination.FilterArns")
                rules = (rules ?? []) + [String(path.split(separator: "/").last ?? "")]
            }
            let replay = try await EventBridgeErrors.run { () throws(EventBusError) in
                try await bus.startReplay(
                    EventReplay(
                        name: name, archive: archive, fromMilliseconds: from, toMilliseconds: to,
                        destinationBus: destinationBus, ruleNames: rules))
            }
            return [
                "ReplayArn": .string(EventBridgeAddress.arn("replay", name, region: request.region)),
                "State": .string(replay.state.rawValue),
            ]
        }
    }

    /// `DescribeReplay`: the replay `ReplayName` as it stands: its archive, window, destination (with the rules it
    /// is limited to), state and the time of the latest event it replayed.
    static func describeReplay(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("DescribeReplay") { request throws(AWSProtocolError) in
            let name = try request.input.requiredString("ReplayName")
            let replay = try await EventBridgeErrors.run { () throws(EventBusError) in
                try await bus.describeReplay(name)
            }
            var destination: [String: JSONValue] = [
                "Arn": .string(EventBridgeAddress.arn("event-bus", replay.destinationBus, region: request.region))
            ]
            destination["FilterArns"] = replay.ruleNames.map { rules in
                .array(
                    rules.map {
                        .string(EventBridgeAddress.rule($0, bus: replay.destinationBus, region: request.region))
                    })
            }
            var output = Self.summary(of: replay, region: request.region)
            output["ReplayArn"] = .string(EventBridgeAddress.arn("replay", name, region: request.region))
            output["Destination"] = .object(destination)
            return .object(output)
        }
    }

    /// `ListReplays`: the replays whose names start with `NamePrefix`, of the archive `EventSourceArn` and in the
    /// `State` given, in name order, `Limit` (1…100) at a time with a `NextToken` (the last name answered).
    static func listReplays(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("ListReplays") { request throws(AWSProtocolError) in
            let input = request.input
            let prefix = try input.string("NamePrefix")
            let archive = try input.string("EventSourceArn").map { arn throws(AWSProtocolError) in
                try EventBridgeAddress.name("archive", of: arn, parameter: "EventSourceArn")
            }
            let state = try input.string("State")
            if let state, !Self.replayStates.contains(state) {
                throw input.invalidValue("State", "must be one of \(Self.replayStates.joined(separator: ", "))")
            }
            let limit = try input.integer("Limit", in: 1...100) ?? 100
            let after = try input.string("NextToken")
            var page: [EventReplay] = []
            var more = false
            try await EventBridgeErrors.run { () throws(EventBusError) in
                for name in try await bus.listReplays(prefix: prefix, archive: archive)
                where after.map({ name > $0 }) ?? true {
                    let replay = try await bus.describeReplay(name)
                    guard state.map({ replay.state.rawValue == $0 }) ?? true else { continue }
                    guard page.count < limit else {
                        more = true
                        break
                    }
                    page.append(replay)
                }
            }
            var output: [String: JSONValue] = [
                "Replays": .array(page.map { .object(Self.summary(of: $0, region: request.region)) })
            ]
            if more, let last = page.last { output["NextToken"] = .string(last.name) }
            return .object(output)
        }
    }

    /// `CancelReplay`: the local bus runs a replay to its end inside `StartReplay`, so there is never one left to
    /// stop; a replay that exists is answered as EventBridge answers one no longer running (`IllegalStatusException`).
    static func cancelReplay(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("CancelReplay") { request throws(AWSProtocolError) in
            let name = try request.input.requiredString("ReplayName")
            let replay = try await EventBridgeErrors.run { () throws(EventBusError) in
                try await bus.describeReplay(name)
            }
            throw AWSErrorShape(type: "IllegalStatusException")(
                "Replay \(name) is \(replay.state.rawValue) and cannot be cancelled: the local bus runs each replay to its end."
            )
        }
    }

    /// The states `ListReplays` filters by: the local bus's own and `CANCELLING`, which none of its replays is ever in.
    private static let replayStates = ["STARTING", "RUNNING", "CANCELLING", "COMPLETED", "CANCELLED", "FAILED"]

    /// What `ListReplays` answers for `replay`, and `DescribeReplay` with more.
    private static func summary(of replay: EventReplay, region: String) -> [String: JSONValue] {
        var members: [String: JSONValue] = [
            "ReplayName": .string(replay.name),
            "EventSourceArn": .string(EventBridgeAddress.arn("archive", replay.archive, region: region)),
            "State": .string(replay.state.rawValue),
            "EventStartTime": Self.timestamp(replay.fromMilliseconds),
            "EventEndTime": Self.timestamp(replay.toMilliseconds),
        ]
        members["EventLastReplayedTime"] = replay.eventLastReplayedMilliseconds.map(Self.timestamp)
        return members
    }

    /// A time as the JSON protocol writes timestamps: seconds since the Unix epoch, with the milliseconds as a
    /// fraction.
    private static func timestamp(_ milliseconds: Int64) -> JSONValue {
        .number(Double(milliseconds) / 1000)
    }
}
