/// A user's profile as the API answers it. It exists from registration on; the email comes from the account and
/// cannot be changed here.
package struct UserProfile: Codable, Sendable, Equatable {
    package var userId: String
    package var email: String
    package var name: String
    /// E.164, e.g. `+14155550123`.
    package var phone: String?
    package var address: PostalAddress?
    package var createdAt: String
    package var updatedAt: String
    /// Grows by one with every change; `If-Match` names it.
    package var version: Int
}
