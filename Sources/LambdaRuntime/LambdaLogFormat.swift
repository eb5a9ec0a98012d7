/// The form of the lines the runtime writes itself, as `AWS_LAMBDA_LOG_FORMAT` chooses it.
public enum LambdaLogFormat: String, Sendable, Equatable {
    /// `timestamp<TAB>requestId<TAB>LEVEL<TAB>message`, followed by any metadata as `key=value` pairs.
    case text = "Text"
    /// One JSON object a line: `timestamp`, `level`, `message`, `requestId` when there is one, then any metadata.
    case json = "JSON"

    /// Reads the format from `AWS_LAMBDA_LOG_FORMAT`, in any case; ``text`` when it is unset or unknown, as Lambda's
    /// managed runtimes do.
    public init(environment: [String: String]) {
        self = environment["AWS_LAMBDA_LOG_FORMAT"]?.uppercased() == "JSON" ? .json : .text
    }
}
