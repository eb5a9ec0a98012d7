package import Middleware

/// A postal address.
package struct PostalAddress: Codable, Sendable, Equatable, Validatable {
    package var line1: String
    package var line2: String?
    package var city: String
    package var postalCode: String
    /// ISO 3166-1 alpha-2, e.g. `DE`.
    package var country: String

    package func validate(_ validator: inout Validator) {
        validator.check(self.line1, "line1", .length(1...100), .plainText)
        validator.check(self.line2, "line2", required: false, .length(0...100), .plainText)
        validator.check(self.city, "city", .length(1...100), .plainText)
        validator.check(self.postalCode, "postalCode", .length(1...16), .plainText)
        validator.check(self.country, "country", Self.countryRule)
    }

    /// Compiled once, not at every request.
    private static let countryRule = ValidationRule<String>.pattern(
        "[A-Z]{2}", "an ISO 3166-1 alpha-2 country code, such as DE")
}
