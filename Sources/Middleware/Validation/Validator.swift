public import Cloud

/// Collects every rule a request body breaks, with the path of each field, so that one answer lists them all.
public struct Validator: Sendable {
    /// Every rule broken so far.
    public var fieldErrors: [FieldError] { self.recorded }
    @usableFromInline var recorded: [FieldError] = []
    /// When describing a type rather than checking a value: the constraint of every rule, by field path.
    @usableFromInline var described: [(field: String, constraint: SchemaConstraint)]?

    /// A validator with no problems recorded.
    public init() {}

    /// A validator that checks nothing and notes the constraint of every rule it is given instead, with the field's
    /// path: how the API's documentation learns a type's rules.
    init(describing: Void) {
        self.described = []
    }

    /// The constraints noted by a describing validator.
    var describedConstraints: [(field: String, constraint: SchemaConstraint)] { self.described ?? [] }

    /// Checks `value` of the field `name` against each rule, recording every violation.
    @inlinable
    public mutating func check<Value>(_ value: Value, _ name: String, _ rules: ValidationRule<Value>...) {
        if self.described != nil { return self.describe(name, rules) }
        for rule in rules {
            if let reason = rule.violation(by: value) {
                self.recorded.append(FieldError(field: name, reason: reason))
            }
        }
    }

    /// Checks an optional field: a missing value is an error only when `required`.
    @inlinable
    public mutating func check<Value>(
        _ value: Value?, _ name: String, required: Bool, _ rules: ValidationRule<Value>...
    ) {
        if self.described != nil { return self.describe(name, rules) }
        guard let value else {
            if required { self.recorded.append(FieldError(field: name, reason: "is required")) }
            return
        }
        for rule in rules {
            if let reason = rule.violation(by: value) {
                self.recorded.append(FieldError(field: name, reason: reason))
            }
        }
    }

    /// Validates a nested value, with its field errors under `name`.
    public mutating func nested(_ value: some Validatable, _ name: String) {
        self.collect(value) { name }
    }

    /// Validates every element of an array, with its field errors under `name[index]`.
    public mutating func each(_ values: [some Validatable], _ name: String) {
        for (index, value) in values.enumerated() {
            self.collect(value) { "\(name)[\(index)]" }
        }
    }

    @usableFromInline
    mutating func describe<Value>(_ name: String, _ rules: [ValidationRule<Value>]) {
        self.described?.append(contentsOf: rules.map { (field: name, constraint: $0.constraint) })
    }

    /// Records a broken rule no single rule check describes, e.g. one that involves several fields.
    public mutating func fail(_ name: String, _ reason: String) {
        self.recorded.append(FieldError(field: name, reason: reason))
    }

    /// Validates `value` and files its field errors under the path `prefix` makes, which is built only when there are
    /// any: valid requests, the common case, build no paths at all.
    private mutating func collect(_ value: some Validatable, under prefix: () -> String) {
        var inner = self.described == nil ? Validator() : Validator(describing: ())
        value.validate(&inner)
        if let constraints = inner.described {
            let path = prefix()
            self.described?.append(
                contentsOf: constraints.map { (field: Self.join(path, $0.field), constraint: $0.constraint) })
            return
        }
        guard !inner.fieldErrors.isEmpty else { return }
        let path = prefix()
        for fieldError in inner.fieldErrors {
            self.recorded.append(FieldError(field: Self.join(path, fieldError.field), reason: fieldError.reason))
        }
    }

    private static func join(_ path: String, _ field: String) -> String {
        field.hasPrefix("[") ? path + field : "\(path).\(field)"
    }
}
