/// The end-to-end suites' workaround for moto's EventBridge, which hands a target without an input transformer the
/// event without its `account`, where EventBridge sends the whole event (the consumers' `EventBridgeEvent` requires
/// it; `AWSBackendServeTests.motoDeliversTheWholeEventToAQueueTarget` records the deviation): every SQS target of
/// every rule on the server gets an input transformer whose template is the whole event, as EventBridge would send it.
/// The targets of the rules archives keep (moto's own transformers) are left alone.
public enum MotoEventTargets {
    /// The event's fields, each read from the path of its name.
    static let fields = ["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"]
    /// The whole event as a template; moto turns the numeric `time` it keeps into EventBridge's ISO 8601 text.
    static let template =
        #"{"version": "<version>", "id": "<id>", "detail-type": "<detail-type>", "source": "<source>", "#
        + #""account": "<account>", "time": <time>, "region": "<region>", "resources": <resources>, "#
        + #""detail": <detail>}"#

    /// Gives every SQS target of every rule of every bus on `moto` the transformer of the whole event.
    public static func restoreFullEvents(on moto: MotoServer) async throws {
        let paths = Dictionary(uniqueKeysWithValues: Self.fields.map { ($0, "$.\($0)") })
        let buses = try await Self.call("ListEventBuses", [:], on: moto)["EventBuses"] as? [[String: Any]] ?? []
        for bus in buses.compactMap({ $0["Name"] as? String }) {
            let rules = try await Self.call("ListRules", ["EventBusName": bus], on: moto)["Rules"] as? [[String: Any]]
            for rule in (rules ?? []).compactMap({ $0["Name"] as? String }) {
                let listed = try await Self.call("ListTargetsByRule", ["Rule": rule, "EventBusName": bus], on: moto)
                let queues = (listed["Targets"] as? [[String: Any]] ?? []).filter {
                    ($0["Arn"] as? String)?.hasPrefix("arn:aws:sqs:") == true
                }
                let targets = queues.map { target in
                    target.merging(["InputTransformer": ["InputPathsMap": paths, "InputTemplate": Self.template]]) {
                        $1
                    }
                }
                guard !targets.isEmpty else { continue }
                let put = try await Self.call(
                    "PutTargets", ["Rule": rule, "EventBusName": bus, "Targets": targets], on: moto)
                guard (put["FailedEntryCount"] as? Int ?? 0) == 0 else {
                    throw MotoServer.CallError(description: "PutTargets on \(rule) failed: \(put)")
                }
            }
        }
    }

    private static func call(_ operation: String, _ input: [String: Any], on moto: MotoServer) async throws
        -> [String: Any]
    {
        try await moto.call(operation, of: "AWSEvents", signingName: "events", input)
    }
}
