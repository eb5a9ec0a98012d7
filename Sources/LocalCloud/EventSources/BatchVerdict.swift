import JSONCoding
import LambdaRuntime

/// What a consumer's answer says about its batch, read as Lambda reads it.
///
/// Without `ReportBatchItemFailures` any response is a success. With it, an empty or `null` response, or an empty
/// or `null` `batchItemFailures`, is a success too; a list naming records fails those records; and a response that
/// is not JSON, or an item whose `itemIdentifier` is missing, empty or not a record of the batch, fails the whole
/// batch. An invocation error or timeout always fails the whole batch.
enum BatchVerdict: Sendable, Equatable {
    /// Every record was handled.
    case handled
    /// The records with these message ids failed; the others were handled.
    case partlyFailed(Set<String>)
    /// The whole batch failed, for the reason given.
    case failed(String)

    /// The verdict on the batch of `messageIDs` whose invocation ended in `outcome`; `reportsItemFailures` when the
    /// mapping reads partial batch responses.
    init(outcome: InvocationOutcome, messageIDs: Set<String>, reportsItemFailures: Bool) {
        switch outcome {
        case .error(let report):
            self = .failed("\(report.errorType): \(report.errorMessage)")
        case .response:
            self = .handled
        }
        guard reportsItemFailures, case .response(let buffer) = outcome else { return }
        self = Self.reading(Array(buffer.readableBytesView), messageIDs: messageIDs)
    }

    private static func reading(_ bytes: [UInt8], messageIDs: Set<String>) -> BatchVerdict {
        if bytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\t") }) {
            return .handled
        }
        guard let response = JSONValue(parsing: bytes) else {
            return .failed("The partial batch response is not JSON")
        }
        if response == .null { return .handled }
        guard let members = response.objectValue else {
            return .failed("The partial batch response is not a JSON object")
        }
        let failures: [JSONValue]
        switch members["batchItemFailures"] {
        case nil, .null?: return .handled
        case .array(let items)?: failures = items
        default: return .failed("batchItemFailures is not a list")
        }
        var failed = Set<String>()
        for item in failures {
            guard let identifier = item["itemIdentifier"]?.stringValue, !identifier.isEmpty else {
                return .failed("An item of batchItemFailures has no itemIdentifier")
            }
            guard messageIDs.contains(identifier) else {
                return .failed("batchItemFailures names \(identifier.prefix(100)), which is not a record of the batch")
            }
            failed.insert(identifier)
        }
        return failed.isEmpty ? .handled : .partlyFailed(failed)
    }
}
