/// The coding keys the JSON coders make themselves: an array element's index (`Index n` as text, as Foundation's
/// coders name it) and `super`, under which `superEncoder()` and `superDecoder()` place a superclass's value.
struct JSONKey: CodingKey {
    /// The index; `nil` for `super`.
    let intValue: Int?
    var stringValue: String { self.intValue.map { "Index \($0)" } ?? "super" }

    /// The key `super`.
    static let `super` = JSONKey(index: nil)

    /// The key of the element at `index`.
    static func index(_ index: Int) -> JSONKey {
        JSONKey(index: index)
    }

    private init(index: Int?) {
        self.intValue = index
    }

    init?(intValue: Int) {
        self.intValue = intValue
    }

    init?(stringValue: String) {
        guard stringValue == "super" else { return nil }
        self = .super
    }
}
