public import LambdaRuntime

/// The app manifest is inconsistent, or names no function with the requested name.
public enum ManifestError: LambdaReportableError, Equatable {
    case unknownFunction(String, known: [String])
    case invalidFunctionName(String)
    case duplicateFunction(String)
    case duplicateRoute(String, functions: [String])
    case invalidRoute(String, function: String)
    case invalidSetting(function: String, String)
    /// The manifest's routes for a function and the routes its handler declares differ.
    case routesDisagree(function: String, manifestOnly: [String], handlerOnly: [String])

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
        case .invalidSetting(let function, let problem):
            "Function '\(function)': \(problem)"
        }
    }
}
