import Cloud
import JSONCoding

extension EventBridgeOperations {
    /// `PutEvents`: 1…10 `Entries`, each accepted or refused on its own, answered with `FailedEntryCount` and one
    /// result per entry, in order: its `EventId`, or its `ErrorCode` and `ErrorMessage`. A missing `Source`,
    /// `DetailType` or `Detail` refuses only its entry, as EventBridge does.
    static func putEvents(_ bus: any EventBus) -> AWSOperation {
        AWSOperation("PutEvents") { request throws(AWSProtocolError) in
            guard let members = try request.input.structures("Entries") else {
                throw request.input.missing("Entries")
            }
            var entries: [PutEventsEntry] = []
            for entry in members {
                entries.append(
                    PutEventsEntry(
                        source: try entry.string("Source") ?? "", detailType: try entry.string("DetailType") ?? "",
                        detail: try entry.string("Detail") ?? "", resources: try entry.strings("Resources") ?? [],
                        timeMilliseconds: try entry.timestampMilliseconds("Time"),
                        eventBusName: try EventBridgeAddress.bus(of: entry),
                        traceHeader: try entry.string("TraceHeader")))
            }
            let result = try await EventBridgeErrors.run { () throws(EventBusError) in
                try await bus.putEvents(entries)
            }
            let outcomes: [JSONValue] = result.entries.map { outcome in
                switch outcome {
                case .accepted(let id): ["EventId": .string(id)]
                case .failed(let code, let message): ["ErrorCode": .string(code), "ErrorMessage": .string(message)]
                }
            }
            return ["FailedEntryCount": .integer(Int64(result.failedEntryCount)), "Entries": .array(outcomes)]
        }
    }
}
