public import Middleware

/// A postal address.
public struct PostalAddress: Codable, Sendable, Equatable, Validatable {
    public var line1: String
    public var line2: String?
    public var city: String
    public var postalCode: String
    /// ISO 3166-1 alpha-2, e.g. `DE`.
    public var country: String

    public func validate(_ validator: inout Validator) {
        validator.check(self.line1, "line1", .length(1...100))
        validator.check(self.line2, "line2", required: false, .length(0...100))
        validator.check(self.city, "city", .length(1...100))
        validator.check(self.postalCode, "postalCode", .length(1...16))
        validator.check(self.country, "country", .pattern("[A-Z]{2}", "an ISO 3166-1 alpha-2 country code, such as DE"))
    }
}
