/// The passwords accounts may have: 8 to 256 characters with at least one upper-case letter, one lower-case letter
/// and one digit. The sign-up API checks it to list every problem, and the identity provider enforces it again.
public struct PasswordPolicy: Sendable {
    /// The fewest characters a password may have.
    public var minimumLength: Int
    /// The most characters a password may have.
    public var maximumLength: Int

    /// The policy accounts get: 8 to 256 characters.
    public static let standard = PasswordPolicy(minimumLength: 8, maximumLength: 256)

    /// Creates a policy with the given length bounds, in characters; the character-class rules always apply.
    public init(minimumLength: Int, maximumLength: Int) {
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
    }

    /// Every rule `password` breaks, in words; empty when it is acceptable. Never includes the password.
    public func violations(of password: String) -> [String] {
        var violations: [String] = []
        let length = password.count
        if length < self.minimumLength { violations.append("must be at least \(self.minimumLength) characters long") }
        if length > self.maximumLength { violations.append("must be at most \(self.maximumLength) characters long") }
        let scalars = password.unicodeScalars
        if !scalars.contains(where: { $0.properties.isUppercase }) {
            violations.append("must contain an upper-case letter")
        }
        if !scalars.contains(where: { $0.properties.isLowercase }) {
            violations.append("must contain a lower-case letter")
        }
        if !scalars.contains(where: { ("0"..."9").contains($0) }) { violations.append("must contain a digit") }
        return violations
    }
}
