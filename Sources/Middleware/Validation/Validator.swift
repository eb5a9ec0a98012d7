/// Collects every rule a request body breaks, with the path of each field, so that one answer lists them all.
public struct Validator: Sendable {
    public private(set) var problems: [FieldProblem] = []
    private let prefix: String

    public init() {
        self.prefix = ""
    }

    private init(prefix: String) {
        self.prefix = prefix
    }

    /// Checks `value` of the field `name` against each rule, recording every violation.
    public mutating func check<Value>(_ value: Value, _ name: String, _ rules: ValidationRule<Value>...) {
        for rule in rules {
            if let reason = rule.violation(by: value) {
                self.problems.append(FieldProblem(field: self.path(name), reason: reason))
            }
        }
    }

    /// Checks an optional field: a missing value is a problem only when `required`.
    public mutating func check<Value>(_ value: Value?, _ name: String, required: Bool, _ rules: ValidationRule<Value>...) {
        guard let value else {
            if required { self.problems.append(FieldProblem(field: self.path(name), reason: "is required")) }
            return
        }
        for rule in rules {
            if let reason = rule.violation(by: value) {
                self.problems.append(FieldProblem(field: self.path(name), reason: reason))
            }
        }
    }

    /// Validates a nested value, with its problems under `name`.
    public mutating func nested(_ value: some Validatable, _ name: String) {
        var inner = Validator(prefix: self.path(name))
        value.validate(&inner)
        self.problems += inner.problems
    }

    /// Validates every element of an array, with its problems under `name[index]`.
    public mutating func each(_ values: [some Validatable], _ name: String) {
        for (index, value) in values.enumerated() {
            self.nested(value, "\(name)[\(index)]")
        }
    }

    /// Records a problem no single rule describes, e.g. one that involves several fields.
    public mutating func fail(_ name: String, _ reason: String) {
        self.problems.append(FieldProblem(field: self.path(name), reason: reason))
    }

    private func path(_ name: String) -> String {
        if self.prefix.isEmpty { return name }
        return name.hasPrefix("[") ? self.prefix + name : "\(self.prefix).\(name)"
    }
}

/// A request body whose rules are declared next to its type.
public protocol Validatable: Sendable {
    func validate(_ validator: inout Validator)
}

extension Validatable {
    /// Every rule this value breaks; empty when it is valid.
    public func problems() -> [FieldProblem] {
        var validator = Validator()
        self.validate(&validator)
        return validator.problems
    }
}
