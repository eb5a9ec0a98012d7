import AWS
import JSONCoding

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
        let events = try moto.client(.eventBridge)
        let paths = JSONValue.object(Dictionary(uniqueKeysWithValues: Self.fields.map { ($0, .string("$.\($0)")) }))
        let buses = try await events.call("ListEventBuses", [:])["EventBuses"]?.arrayValue ?? []
        for bus in buses.compactMap({ $0["Name"] }) {
            let rules = try await events.call("ListRules", ["EventBusName": bus])["Rules"]?.arrayValue ?? []
            for rule in rules.compactMap({ $0["Name"] }) {
                let listed = try await events.call("ListTargetsByRule", ["Rule": rule, "EventBusName": bus])
                let targets: [JSONValue] = (listed["Targets"]?.arrayValue ?? []).compactMap { target in
                    guard var fields = target.objectValue, target["Arn"]?.stringValue?.hasPrefix("arn:aws:sqs:") == true
                    else { return nil }
                    fields["InputTransformer"] = ["InputPathsMap": paths, "InputTemplate": .string(Self.template)]
                    return .object(fields)
                }
                guard !targets.isEmpty else { continue }
                let put = try await events.call(
                    "PutTargets", ["Rule": rule, "EventBusName": bus, "Targets": .array(targets)])
                guard (put["FailedEntryCount"] ?? 0) == 0 else {
                    throw RestoreError(description: "PutTargets on \(rule) failed: \(put)")
                }
            }
        }
    }

    /// Why the targets could not all be changed.
    public struct RestoreError: Error, CustomStringConvertible {
        /// The rule and what moto answered.
        public let description: String
    }
}
