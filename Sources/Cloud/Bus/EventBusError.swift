/// Why a bus operation failed: its ``Code`` is named after the EventBridge error code, so that the local bus and
/// EventBridge fail alike.
public struct EventBusError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as EventBridge names it.
    public enum Code: String, Sendable, Hashable {
        /// The bus, rule, archive or replay does not exist.
        case resourceNotFound = "ResourceNotFoundException"
        /// A bus, archive or replay of that name exists already.
        case resourceAlreadyExists = "ResourceAlreadyExistsException"
        /// A parameter is missing, out of its bounds or malformed.
        case validation = "ValidationException"
        /// The event pattern is not valid; the message gives EventBridge's reason.
        case invalidEventPattern = "InvalidEventPatternException"
        /// A quota is reached: rules on a bus, targets on a rule.
        case limitExceeded = "LimitExceededException"
        /// The bus could not be reached or failed; the operation may be retried.
        case internalFailure = "InternalException"
        /// No bus is configured in this runtime; the message says what to set.
        case unavailable = "ServiceUnavailable"
    }

    /// What went wrong.
    public let code: Code
    /// The details, in a sentence.
    public let message: String

    /// An error with `code`, described by `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// EventBridge's code followed by the message.
    public var description: String { "\(self.code.rawValue): \(self.message)" }

    /// The `kind` (event bus, rule, archive, replay) named `name` does not exist.
    public static func notFound(_ kind: String, _ name: String) -> EventBusError {
        EventBusError(.resourceNotFound, "\(kind) \(name) does not exist.")
    }

    /// The rule `name` does not exist on the bus `bus`, as EventBridge words it.
    public static func ruleNotFound(_ name: String, bus: String) -> EventBusError {
        EventBusError(.resourceNotFound, "Rule \(name) does not exist on EventBus \(bus).")
    }

    /// A bus cannot be deleted while it has rules, as EventBridge words it.
    public static let busHasRules = EventBusError(.validation, "EventBus can't be deleted since it has rules.")

    /// `parameter` is not valid, for the reason `reason` gives.
    public static func invalid(_ parameter: String, _ reason: String) -> EventBusError {
        EventBusError(.validation, "Parameter \(parameter) is not valid. Reason: \(reason)")
    }
}
