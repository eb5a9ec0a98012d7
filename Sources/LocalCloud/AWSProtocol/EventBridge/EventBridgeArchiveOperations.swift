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
}
