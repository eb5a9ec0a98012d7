/// A user's profile as the API answers it. It exists from registration on; the email comes from the account and
/// cannot be changed here.
public struct UserProfile: Codable, Sendable, Equatable {
    public var userId: String
    public var email: String
    public var name: String
    /// E.164, e.g. `+14155550123`.
    public var phone: String?
    public var address: PostalAddress?
    public var createdAt: String
    public var updatedAt: String
    /// Grows by one with every change; `If-Match` names it.
    public var version: Int
}
