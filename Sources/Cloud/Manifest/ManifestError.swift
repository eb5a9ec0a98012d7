public import LambdaRuntime

/// The app manifest is inconsistent, or names no function with the requested name.
///
/// Each case names what is wrong and where, so `stratus serve` can refuse to start with one clear line.
public enum ManifestError: LambdaReportableError, Equatable {
    case unknownFunction(String, known: [String])
    case invalidFunctionName(String)
    case duplicateFunction(String)
    case duplicateRoute(String, functions: [String])
    case invalidRoute(String, function: String)
    case invalidSetting(function: String, String)
    /// The manifest's routes for a function and the routes its handler declares differ.
    case routesDisagree(function: String, manifestOnly: [String], handlerOnly: [String])
    /// Two buses, queues or rules (on one bus) share a name; `kind` says which.
    case duplicateName(kind: String, String)
    /// A bus's name or archive is invalid.
    case invalidBus(String, String)
    /// A queue's name or settings are out of SQS's bounds, or its dead-letter queue is of the other kind.
    case invalidQueue(String, String)
    /// A rule's name, pattern or targets are invalid.
    case invalidRule(String, String)
    /// A function's queue or schedule trigger is out of Lambda's bounds.
    case invalidTrigger(function: String, String)
    /// A rule names a bus the app does not declare.
    case unknownBus(String, referencedBy: String)
    /// A rule, trigger or redrive policy names a queue the app does not declare.
    case unknownQueue(String, referencedBy: String)
    /// Following dead-letter queues leads back to a queue already on the way; the queues in order.
    case deadLetterCycle([String])

    /// `Runtime.HandlerNotFound` for an unknown function, `Runtime.ConfigInvalid` for any other inconsistency.
    public var errorType: String {
        switch self {
        case .unknownFunction: "Runtime.HandlerNotFound"
        default: "Runtime.ConfigInvalid"
        }
    }

    /// What is wrong, naming the function or route.
    public var description: String {
        switch self {
        case .unknownFunction(let name, let known):
            "No function named '\(name)'. Known functions: \(known.joined(separator: ", "))"
        case .invalidFunctionName(let name):
            "Invalid function name '\(name)': use 1–64 letters, digits, hyphens or underscores"
        case .duplicateFunction(let name):
            "The function name '\(name)' is declared twice"
        case .duplicateRoute(let route, let functions):
            "The route '\(route)' is claimed by both \(functions.joined(separator: " and "))"
        case .routesDisagree(let function, let manifestOnly, let handlerOnly):
            "Function '\(function)': the manifest routes \(manifestOnly) but its handler does not, and the handler routes \(handlerOnly) but the manifest does not"
        case .invalidRoute(let route, let function):
            "Function '\(function)': the route '\(route)' is not 'METHOD /path'"
        case .invalidSetting(let function, let problem), .invalidTrigger(let function, let problem):
            "Function '\(function)': \(problem)"
        case .duplicateName(let kind, let name):
            "The \(kind) name '\(name)' is declared twice"
        case .invalidBus(let name, let problem):
            "Bus '\(name)': \(problem)"
        case .invalidQueue(let name, let problem):
            "Queue '\(name)': \(problem)"
        case .invalidRule(let name, let problem):
            "Rule '\(name)': \(problem)"
        case .unknownBus(let name, let referrer):
            "The \(referrer) names the bus '\(name)', which the app does not declare"
        case .unknownQueue(let name, let referrer):
            "The \(referrer) names the queue '\(name)', which the app does not declare"
        case .deadLetterCycle(let queues):
            "Dead-letter queues form a cycle: \(queues.joined(separator: " → "))"
        }
    }
}
