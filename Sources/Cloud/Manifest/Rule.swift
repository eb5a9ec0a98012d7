/// A rule on an event bus: the events matching its pattern go to each of its targets (EventBridge's rule).
public struct Rule: Sendable, Hashable {
    /// Where a rule sends the events it matches.
    public enum Target: Sendable, Hashable, CustomStringConvertible {
        /// Sends each event as a message to the queue of this name.
        case queue(String)
        /// Invokes the function of this name asynchronously with each event.
        case function(String)

        /// `queue:NAME` or `function:NAME`.
        public var description: String {
            switch self {
            case .queue(let name): "queue:\(name)"
            case .function(let name): "function:\(name)"
            }
        }
    }

    /// The rule's name, unique on its bus: 1–64 letters, digits, `.`, `-` or `_`.
    public let name: String
    /// The bus the rule listens on.
    public let bus: String
    /// The event pattern, as EventBridge's JSON.
    public let pattern: String
    /// Where matching events go (1–5 targets, as EventBridge allows).
    public let targets: [Target]

    /// Declares the rule `name` on `bus`, sending events that match `pattern` to `targets`.
    public init(_ name: String, on bus: String = Bus.defaultName, pattern: String, targets: [Target]) {
        self.name = name
        self.bus = bus
        self.pattern = pattern
        self.targets = targets
    }

    /// EventBridge's bound on a rule's targets.
    public static let maximumTargets = 5

    /// Whether `name` is a valid rule name: 1–64 ASCII letters, digits, `.`, `-`, `_`.
    static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count) && Bus.isValidName(name)
    }
}
