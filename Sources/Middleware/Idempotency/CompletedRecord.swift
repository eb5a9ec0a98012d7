/// A completed record as the in-memory cache keeps it.
struct CompletedRecord: Sendable {
    var payloadHash: String
    var expiresAtMilliseconds: Int64
    var response: String
}
