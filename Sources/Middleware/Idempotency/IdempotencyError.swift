public import Cloud

/// Why an idempotent operation did not run.
public enum IdempotencyError: Error, Sendable, Equatable {
    /// Another invocation with the same key is running; retrying later is safe.
    case alreadyInProgress
    /// The key was already used with a different payload.
    case payloadMismatch
    /// The record could not be read or written.
    case persistence(ItemStoreError)
    /// A stored response could not be read back.
    case corruptRecord
}
