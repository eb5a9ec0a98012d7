public import Cloud
import JSONCoding

extension EventBridgeBus {
    /// `CreateArchive` of the source bus's ARN.
    public func createArchive(_ archive: EventArchive) async throws(EventBusError) {
        try EventBusRequest.checkArchive(archive)
        let arns = try await self.arns()
        var input: [String: JSONValue] = [
            "ArchiveName": .string(archive.name),
            "EventSourceArn": .string(arns.events("event-bus", archive.sourceBus)),
            "RetentionDays": .integer(Int64(archive.retentionDays)),
        ]
        input["EventPattern"] = archive.eventPattern.map(JSONValue.string)
        _ = try await self.call("CreateArchive", .object(input))
    }

    /// `ListArchives` (of the source bus's ARN, when given), page by page, then `DescribeArchive` of each for its
    /// pattern; sorted by name.
    public func listArchives(sourceBus: String?) async throws(EventBusError) -> [EventArchive] {
        var input: [String: JSONValue] = [:]
        if let sourceBus {
            try EventBusRequest.checkBusName(sourceBus)
            input["EventSourceArn"] = .string(try await self.arns().events("event-bus", sourceBus))
        }
        var archives: [EventArchive] = []
        for listed in try await self.pages("ListArchives", input, items: "Archives") {
            guard let name = listed["ArchiveName"]?.stringValue else { continue }
            let described = try await self.call("DescribeArchive", ["ArchiveName": .string(name)])
            archives.append(
                EventArchive(
                    name: name,
                    sourceBus: EventBridgeARN.name(of: described["EventSourceArn"]?.stringValue ?? ""),
                    eventPattern: described["EventPattern"]?.stringValue,
                    retentionDays: AWSJSONNumbers.int(described["RetentionDays"]) ?? 0,
                    eventCount: AWSJSONNumbers.int(described["EventCount"]) ?? 0))
        }
        return archives.sorted { $0.name < $1.name }
    }

    /// `DeleteArchive`.
    public func deleteArchive(_ name: String) async throws(EventBusError) {
        try EventBusRequest.checkArchiveName(name)
        _ = try await self.call("DeleteArchive", ["ArchiveName": .string(name)])
    }

    /// `DescribeArchive`, then `StartReplay` of the archive's ARN to the destination bus's ARN (and the named rules'
    /// ARNs), then `DescribeReplay`. A window ending after the year 9999 is sent as ending then.
    public func startReplay(_ replay: EventReplay) async throws(EventBusError) -> EventReplay {
        try EventBusRequest.checkReplay(replay)
        // EventBridge refuses a replay of a missing archive as an invalid parameter; the port says it is not found.
        let archive = try await self.call("DescribeArchive", ["ArchiveName": .string(replay.archive)])
        guard EventBridgeARN.name(of: archive["EventSourceArn"]?.stringValue ?? "") == replay.destinationBus else {
            throw .invalid("Destination", "a replay goes back to the bus of its archive")
        }
        let arns = try await self.arns()
        var destination: [String: JSONValue] = ["Arn": .string(arns.events("event-bus", replay.destinationBus))]
        if let rules = replay.ruleNames {
            destination["FilterArns"] = .array(rules.map { .string(arns.rule($0, bus: replay.destinationBus)) })
        }
        _ = try await self.call(
            "StartReplay",
            [
                "ReplayName": .string(replay.name), "EventSourceArn": .string(arns.events("archive", replay.archive)),
                "EventStartTime": AWSJSONNumbers.timestamp(replay.fromMilliseconds),
                "EventEndTime": AWSJSONNumbers.timestamp(replay.toMilliseconds),
                "Destination": .object(destination),
            ])
        return try await self.describeReplay(replay.name)
    }

    /// `DescribeReplay`; EventBridge does not count the events replayed.
    public func describeReplay(_ name: String) async throws(EventBusError) -> EventReplay {
        try EventBusRequest.checkReplayName(name)
        let output = try await self.call("DescribeReplay", ["ReplayName": .string(name)])
        guard let archive = output["EventSourceArn"]?.stringValue,
            let from = AWSJSONNumbers.milliseconds(output["EventStartTime"]),
            let to = AWSJSONNumbers.milliseconds(output["EventEndTime"]),
            let destination = output["Destination"]?["Arn"]?.stringValue
        else {
            throw EventBusError(.internalFailure, "EventBridge described the replay \(name) incompletely")
        }
        return EventReplay(
            name: name, archive: EventBridgeARN.name(of: archive), fromMilliseconds: from, toMilliseconds: to,
            destinationBus: EventBridgeARN.name(of: destination),
            ruleNames: output["Destination"]?["FilterArns"]?.arrayValue?.compactMap {
                $0.stringValue.map(EventBridgeARN.ruleName(of:))
            },
            state: output["State"]?.stringValue.flatMap(ReplayState.init(rawValue:)) ?? .starting,
            eventLastReplayedMilliseconds: AWSJSONNumbers.milliseconds(output["EventLastReplayedTime"]))
    }

    /// `ListReplays`, every page: of the archive's ARN when given, and then of the names with `prefix` here, since
    /// `ListReplays` takes at most one filter (moto refuses two with "At most one filter is allowed").
    public func listReplays(prefix: String?, archive: String?) async throws(EventBusError) -> [String] {
        var input: [String: JSONValue] = [:]
        if let archive {
            try EventBusRequest.checkArchiveName(archive)
            input["EventSourceArn"] = .string(try await self.arns().events("archive", archive))
        } else {
            input["NamePrefix"] = prefix.map(JSONValue.string)
        }
        let names = try await self.sortedNames(
            "ListReplays", input, items: "Replays", name: "ReplayName", of: "a replay")
        return names.filter { $0.hasPrefix(prefix ?? "") }
    }
}
