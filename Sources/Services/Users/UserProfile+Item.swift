import Cloud

/// How a profile is kept in the single table: `USER#<sub>` / `PROFILE` (ARCHITECTURE §3).
extension UserProfile {
    static func key(userID: String) -> ItemKey {
        ItemKey(partition: "USER#\(userID)", sort: "PROFILE")
    }

    var item: Item {
        var item = Item(Self.key(userID: self.userId).attributes)
        item["userId"] = .string(self.userId)
        item["email"] = .string(self.email)
        item["name"] = .string(self.name)
        item["phone"] = self.phone.map(AttributeValue.string)
        item["address"] = self.address.map(\.attributeValue)
        item["createdAt"] = .string(self.createdAt)
        item["updatedAt"] = .string(self.updatedAt)
        item["version"] = .int(self.version)
        return item
    }

    /// The profile in `item`, or `nil` when the item is not a well-formed profile.
    init?(item: Item) {
        guard let userID = item.string("userId"), let email = item.string("email"), let name = item.string("name"),
            let createdAt = item.string("createdAt"), let updatedAt = item.string("updatedAt"),
            let version = item.int("version")
        else { return nil }
        let address = item["address"].map(PostalAddress.init(attributeValue:))
        guard address != .some(nil) else { return nil }
        self.init(
            userId: userID, email: email, name: name, phone: item.string("phone"), address: address ?? nil,
            createdAt: createdAt, updatedAt: updatedAt, version: version)
    }
}

extension PostalAddress {
    var attributeValue: AttributeValue {
        var fields: [String: AttributeValue] = [
            "line1": .string(self.line1), "city": .string(self.city),
            "postalCode": .string(self.postalCode), "country": .string(self.country),
        ]
        fields["line2"] = self.line2.map(AttributeValue.string)
        return .map(fields)
    }

    init?(attributeValue: AttributeValue) {
        guard let fields = attributeValue.mapValue, let line1 = fields["line1"]?.stringValue,
            let city = fields["city"]?.stringValue, let postalCode = fields["postalCode"]?.stringValue,
            let country = fields["country"]?.stringValue
        else { return nil }
        self.init(
            line1: line1, line2: fields["line2"]?.stringValue, city: city, postalCode: postalCode, country: country)
    }
}
