import HTTPTypes

extension HTTPFields {
    /// The value of the field `name`, as `subscript(_:)` gives it (repeated fields combined as it combines them), but
    /// without that subscript's generic joining for a field that comes once, as nearly every request's do: the gateway
    /// reads `authorization`, `origin` and `content-length` of every request.
    func value(of name: HTTPField.Name) -> String? {
        var found: String?
        for field in self where field.name == name {
            guard found == nil else { return self[name] }
            found = field.value
        }
        return found
    }
}
