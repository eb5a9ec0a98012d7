import LambdaRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The environment variables the SDKs read, passed in rather than read from the process so that tests can state them.
public struct AWSEnvironment: Sendable, Equatable {
    /// Every variable and its value.
    public let variables: [String: String]

    /// An environment of the given variables.
    public init(_ variables: [String: String]) {
        self.variables = variables
    }

    /// The process's own environment.
    public static var process: AWSEnvironment {
        AWSEnvironment(ProcessEnvironment.current())
    }

    /// The value of the process's variable `name`, read alone, or `nil` when it is unset or empty.
    public static func processValue(of name: String) -> String? {
        guard let value = getenv(name), value.pointee != 0 else { return nil }
        return String(cString: value)
    }

    /// The value of `name`, or `nil` when it is unset or empty (the SDKs treat both alike).
    public subscript(name: String) -> String? {
        guard let value = self.variables[name], !value.isEmpty else { return nil }
        return value
    }
}
