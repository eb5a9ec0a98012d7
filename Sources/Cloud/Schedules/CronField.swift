/// One of the plain fields of a cron expression (minutes, hours, day-of-month, month, day-of-week, year): its
/// range, its names and how large a `/` step it takes, and the parsing of its `,` `-` `*` `/` syntax into the
/// sorted list of values it allows.
struct CronField: Sendable {
    /// The field's name in error messages, e.g. `minutes`.
    let name: String
    /// The values the field takes.
    let range: ClosedRange<Int>
    /// Three-letter names for the values from the range's start on (`JAN` = 1, `SUN` = 1), upper case.
    let names: [String]
    /// The largest `/` step, or `nil` when the field takes no steps (day-of-week).
    let maximumStep: Int?

    static let minutes = CronField(name: "minutes", range: 0...59, names: [], maximumStep: 59)
    static let hours = CronField(name: "hours", range: 0...23, names: [], maximumStep: 23)
    static let dayOfMonth = CronField(name: "day-of-month", range: 1...31, names: [], maximumStep: 31)
    static let month = CronField(
        name: "month", range: 1...12,
        names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], maximumStep: 12)
    static let dayOfWeek = CronField(
        name: "day-of-week", range: 1...7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], maximumStep: nil)
    static let year = CronField(name: "year", range: 1970...2199, names: [], maximumStep: 229)

    /// The values `text` allows: a comma-separated list of `*`, `v`, `a-b`, each optionally followed by `/step`
    /// (a step from a single value runs to the end of the range, as in `0/15`).
    func values(_ text: Substring) throws(CronSyntaxError) -> [Int] {
        var allowed = Set<Int>()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let (span, step) = try self.spanAndStep(item)
            allowed.formUnion(stride(from: span.lowerBound, through: span.upperBound, by: step))
        }
        return allowed.sorted()
    }

    /// One value: a number in the range or one of the field's names.
    func value(_ text: Substring) throws(CronSyntaxError) -> Int {
        if let index = self.names.firstIndex(of: text.uppercased()) {
            return self.range.lowerBound + index
        }
        guard !text.isEmpty, text.count <= 4, text.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(text),
            self.range.contains(number)
        else {
            throw CronSyntaxError(
                "'\(text)' is not a \(self.name) value (\(self.range.lowerBound)-\(self.range.upperBound))")
        }
        return number
    }

    private func spanAndStep(_ item: Substring) throws(CronSyntaxError) -> (ClosedRange<Int>, Int) {
        let parts = item.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw CronSyntaxError("'\(item)' has more than one '/' in \(self.name)") }
        var step = 1
        if parts.count == 2 {
            guard let maximumStep = self.maximumStep else {
                throw CronSyntaxError("\(self.name) takes no '/' step")
            }
            guard parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), parts[1].count <= 4, let parsed = Int(parts[1]),
                (1...maximumStep).contains(parsed)
            else {
                throw CronSyntaxError("the step of '\(item)' in \(self.name) must be from 1 to \(maximumStep)")
            }
            step = parsed
        }
        let base = parts[0]
        if base == "*" { return (self.range, step) }
        let bounds = base.split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count <= 2 else { throw CronSyntaxError("'\(item)' is not a \(self.name) range") }
        let low = try self.value(bounds[0])
        guard bounds.count == 2 else {
            return (parts.count == 2 ? low...self.range.upperBound : low...low, step)
        }
        let high = try self.value(bounds[1])
        guard low <= high else { throw CronSyntaxError("the range '\(base)' in \(self.name) runs backwards") }
        return (low...high, step)
    }
}
