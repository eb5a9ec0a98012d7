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
            return ["Archives": .array(archives.map { .object(Self.members(of: $0, region: request.region)) })]
        }
    }

    /// `CreateArchive`: an archive named `ArchiveName` of the bus `EventSourceArn`, keeping what `EventPattern`
    /// matches (everything without one) for `RetentionDays` (forever when 0 or missing); answered with its
    /// `ArchiveArn` and `State`.
    static func createArchive(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("CreateArchive") { request throws(AWSProtocolError) in
            let input = request.input
            let archive = EventArchive(
                name: try input.requiredString("ArchiveName"),
                sourceBus: try EventBridgeAddress.name(
                    "event-bus", of: input.requiredString("EventSourceArn"), parameter: "EventSourceArn"),
                eventPattern: try input.string("EventPattern"),
                retentionDays: try input.integer("RetentionDays", in: 0...Int(Int32.max)) ?? 0)
            try await EventBridgeErrors.run { () throws(EventBusError) in try await bus.createArchive(archive) }
            return [
                "ArchiveArn": .string(EventBridgeAddress.arn("archive", archive.name, region: request.region)),
                "State": "ENABLED",
            ]
        }
    }

    /// `DescribeArchive`: the archive `ArchiveName` with its source, pattern, retention and event count.
    static func describeArchive(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("DescribeArchive") { request throws(AWSProtocolError) in
            let name = try request.input.requiredString("ArchiveName")
            let archive = try await EventBridgeErrors.run { () throws(EventBusError) in
                guard let found = try await bus.listArchives(sourceBus: nil).first(where: { $0.name == name }) else {
                    throw EventBusError.notFound("Archive", name)
                }
                return found
            }
            var output = Self.members(of: archive, region: request.region)
            output["ArchiveArn"] = .string(EventBridgeAddress.arn("archive", name, region: request.region))
            output["EventPattern"] = archive.eventPattern.map(JSONValue.string)
            return .object(output)
        }
    }

    /// `DeleteArchive`: the archive `ArchiveName` and the events it kept.
    static func deleteArchive(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("DeleteArchive") { request throws(AWSProtocolError) in
            let name = try request.input.requiredString("ArchiveName")
            try await EventBridgeErrors.run { () throws(EventBusError) in try await bus.deleteArchive(name) }
            return [:]
        }
    }

    /// An archive as `ListArchives` and `DescribeArchive` answer it.
    private static func members(of archive: EventArchive, region: String) -> [String: JSONValue] {
        [
            "ArchiveName": .string(archive.name),
            "EventSourceArn": .string(EventBridgeAddress.arn("event-bus", archive.sourceBus, region: region)),
            "State": "ENABLED", "RetentionDays": .integer(Int64(archive.retentionDays)),
            "EventCount": .integer(Int64(archive.eventCount)),
        ]
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

extension EventBridgeOperations {
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
            var output: [String: JSONValue] = [
                "ReplayName": .string(name),
                "ReplayArn": .string(EventBridgeAddress.arn("replay", name, region: request.region)),
                "EventSourceArn": .string(EventBridgeAddress.arn("archive", replay.archive, region: request.region)),
                "Destination": .object(destination), "State": .string(replay.state.rawValue),
                "EventStartTime": Self.timestamp(replay.fromMilliseconds),
                "EventEndTime": Self.timestamp(replay.toMilliseconds),
            ]
            output["EventLastReplayedTime"] = replay.eventLastReplayedMilliseconds.map(Self.timestamp)
            return .object(output)
        }
    }

    /// A time as the JSON protocol writes timestamps: seconds since the Unix epoch, with the milliseconds as a
    /// fraction.
    private static func timestamp(_ milliseconds: Int64) -> JSONValue {
        .number(Double(milliseconds) / 1000)
    }
}
