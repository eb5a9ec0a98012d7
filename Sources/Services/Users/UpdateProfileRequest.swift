public import Middleware

/// `PUT /users/me`: the whole editable profile. Leaving out `phone` or `address` removes it.
public struct UpdateProfileRequest: Codable, Sendable, Validatable {
    public var name: String
    public var phone: String?
    public var address: PostalAddress?

    public func validate(_ validator: inout Validator) {
        validator.check(self.name, "name", .length(1...100))
        validator.check(self.phone, "phone", required: false, .e164PhoneNumber)
        if let address = self.address { validator.nested(address, "address") }
    }
}
