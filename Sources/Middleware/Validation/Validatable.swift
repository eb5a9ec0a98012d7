public import Cloud

/// A request body whose rules are declared next to its type.
public protocol Validatable: Sendable {
    func validate(_ validator: inout Validator)
}

extension Validatable {
    /// Every rule this value breaks; empty when it is valid.
    public func fieldErrors() -> [FieldError] {
        var validator = Validator()
        self.validate(&validator)
        return validator.fieldErrors
    }
}
