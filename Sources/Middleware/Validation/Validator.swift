/// Collects every rule a request body breaks, with the path of each field, so that one answer lists them all.
public struct Validator: Sendable {
    /// Every problem found so far.
    public var problems: [FieldProblem] { self.recorded }
    @usableFromInline var recorded: [FieldProblem] = []

    public init() {}

    /// Checks `value` of the field `name` against each rule, recording every violation.
    @inlinable
    public mutating func check<Value>(_ value: Value, _ name: String, _ rules: ValidationRule<Value>...) {
        for rule in rules {
            if let reason = rule.violation(by: value) {
                self.recorded.append(FieldProblem(field: name, reason: reason))
            }
        }
    }

    /// Checks an optional field: a missing value is a problem only when `required`.
    @inlinable
    public mutating func check<Value>(_ value: Value?, _ name: String, required: Bool, _ rules: ValidationRule<Value>...) {
        guard let value else {
            if required { self.recorded.append(FieldProblem(field: name, reason: "is required")) }
            return
        }
        for rule in rules {
            if let reason = rule.violation(by: value) {
                self.recorded.append(FieldProblem(field: name, reason: reason))
            }
        }
    }

    /// Validates a nested value, with its problems under `name`.
    public mutating func nested(_ value: some Validatable, _ name: String) {
        self.collect(value) { name }
    }

    /// Validates every element of an array, with its problems under `name[index]`.
    public mutating func each(_ values: [some Validatable], _ name: String) {
        for (index, value) in values.enumerated() {
            self.collect(value) { "\(name)[\(index)]" }
        }
    }

    /// Records a problem no single rule describes, e.g. one that involves several fields.
    public mutating func fail(_ name: String, _ reason: String) {
        self.recorded.append(FieldProblem(field: name, reason: reason))
    }

    /// Validates `value` and files its problems under the path `prefix` makes, which is built only when there are
    /// problems: valid requests, the common case, build no paths at all.
    private mutating func collect(_ value: some Validatable, under prefix: () -> String) {
        var inner = Validator()
        value.validate(&inner)
        guard !inner.problems.isEmpty else { return }
        let path = prefix()
        for problem in inner.problems {
            let field = problem.field.hasPrefix("[") ? path + problem.field : "\(path).\(problem.field)"
            self.recorded.append(FieldProblem(field: field, reason: problem.reason))
        }
    }
}
