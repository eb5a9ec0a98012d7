/// Why a secret operation failed: its ``Code`` is named after the Secrets Manager error code code must be ready for,
/// so that the local store and Secrets Manager fail alike. The message never holds a secret's value.
public struct SecretStoreError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as Secrets Manager names it.
    public enum Code: String, Sendable, Hashable {
        /// There is no secret of that name (`ResourceNotFoundException`).
        case resourceNotFound = "ResourceNotFoundException"
        /// The name or the value is out of bounds (`InvalidParameterException`).
        case invalidParameter = "InvalidParameterException"
        /// The secret cannot be decoded as the type asked for (a client-side error of ``SecretCache``).
        case undecodable = "UndecodableSecret"
        /// The secret store could not be reached or failed; the operation may be retried.
        case unavailable = "ServiceUnavailable"
    }

    /// What went wrong.
    public let code: Code
    /// The details, in a sentence.
    public let message: String

    /// An error of kind `code` explained by `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// `ResourceNotFoundException: …`, as Secrets Manager prints it.
    public var description: String { "\(self.code.rawValue): \(self.message)" }

    /// The secret `name` does not exist.
    public static func notFound(_ name: String) -> SecretStoreError {
        SecretStoreError(.resourceNotFound, "Secrets Manager can't find the specified secret: \(name)")
    }
}
