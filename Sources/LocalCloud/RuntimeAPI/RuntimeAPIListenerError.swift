#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Runtime API could not listen where it was asked to.
struct RuntimeAPIListenerError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = "The Runtime API cannot listen: \(description)"
    }

    /// The failure of `call` (on `target`), with its `errno`.
    init(calling call: String, on target: String? = nil) {
        let reason = String(cString: strerror(errno))
        self.init("\(call)\(target.map { " \($0)" } ?? "") failed: \(reason)")
    }
}
