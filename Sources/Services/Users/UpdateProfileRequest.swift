package import Middleware

/// `PUT /users/me`: the whole editable profile. Leaving out `phone` or `address` removes it.
package struct UpdateProfileRequest: Codable, Sendable, Validatable {
    package var name: String
    package var phone: String?
    package var address: PostalAddress?

    package func validate(_ validator: inout Validator) {
        validator.check(self.name, "name", .length(1...100), .plainText)
        validator.check(self.phone, "phone", required: false, .e164PhoneNumber)
        if let address = self.address { validator.nested(address, "address") }
    }
}
