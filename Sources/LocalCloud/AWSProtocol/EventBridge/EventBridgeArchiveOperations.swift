import Cloud
import JSONCoding

extension EventBridgeOperations {
    /// `ListArchives`: the archives whose names start with `NamePrefix` (of the bus `EventSourceArn` only, when
    /// given), by name, with their event counts.
    static func listArchives(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("ListArchives") { request throws(AWSProtocolError) in
            let prefix = try request.input.string("NamePrefix") ?? ""
            let source = try request.input.string("EventSourceArn").map { arn throws(AWSProtocolError) in
                try EventBridgeAddress.name("event-bus", of: arn, parameter: "EventSourceArn")
            }
            let archives = try await EventBridgeErrors.run { () throws(EventBusError) in
                try await bus.listArchives(sourceBus: source)
            }.filter { $0.name.hasPrefix(prefix) }
            return [
                "Archives": .array(
                    archives.map { archive in
                        [
                            "ArchiveName": .string(archive.name),
                            "EventSourceArn": .string(
                                EventBridgeAddress.arn("event-bus", archive.sourceBus, region: request.region)),
                            "State": "ENABLED", "RetentionDays": .integer(Int64(archive.retentionDays)),
                            "EventCount": .integer(Int64(archive.eventCount)),
                        ]
                    })
            ]
        }
    }

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
}
