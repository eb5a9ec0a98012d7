/// A regular expression for ``ValidationRule/pattern(_:_:)``, compiled once into a Thompson automaton and matched
/// against a whole string in time linear in the string's length, whatever the pattern: no backtracking, so no pattern
/// can be made to take exponential time by its input.
///
/// The syntax is the part of ECMA-262's that JSON Schema's `pattern` uses in practice: literals, `.`, classes
/// (`[a-z0-9_-]`, `[^…]`), `\d \D \w \W \s \S`, escaped metacharacters, groups (`(…)`, `(?:…)`), `|`, the quantifiers
/// `* + ? {n} {n,} {n,m}` (lazy forms too; for a whole match they match the same strings) and the anchors `^ $`.
/// Back-references, lookaround and Unicode property classes are refused. It matches Unicode scalars, as ECMA-262
/// does with its `u` flag. Swift's `Regex` would link its regex engine into the Lambda binary: about 0.5 MB of its zip.
struct ValidationPattern: Sendable {
    /// One state of the automaton; `next` and the branches are indexes into ``states``.
    enum State: Sendable {
        case scalar(ScalarSet, next: Int)
        case split(Int, Int)
        case atStart(next: Int)
        case atEnd(next: Int)
        case accept
    }

    /// The most states a pattern may compile to (counted repetitions are expanded).
    static let maximumStates = 10_000

    let states: [State]
    let start: Int

    /// The pattern `text`, or `nil` when it is not one this type reads or compiles to too many states.
    init?(_ text: String) {
        var parser = ValidationPatternParser(Array(text.unicodeScalars))
        guard let expression = parser.parseWhole() else { return nil }
        var builder = Builder()
        let accept = builder.add(.accept)
        guard let start = builder.compile(expression, then: accept), builder.states.count <= Self.maximumStates
        else { return nil }
        self.states = builder.states
        self.start = start
    }

    /// Whether the whole of `text` matches.
    func matches(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var current: [Int] = []
        var next: [Int] = []
        // The position at which each state was last added, so a state enters a set once per position.
        var addedAt = [Int](repeating: -1, count: self.states.count)
        self.addClosure(of: self.start, at: 0, length: scalars.count, to: &current, marks: &addedAt)
        for (position, scalar) in scalars.enumerated() {
            next.removeAll(keepingCapacity: true)
            for index in current {
                if case .scalar(let set, let target) = self.states[index], set.contains(scalar) {
                    self.addClosure(of: target, at: position + 1, length: scalars.count, to: &next, marks: &addedAt)
                }
            }
            if next.isEmpty { return false }
            swap(&current, &next)
        }
        return current.contains { if case .accept = self.states[$0] { true } else { false } }
    }

    /// Adds `index` and every state reachable from it without reading a scalar at `position`.
    private func addClosure(of index: Int, at position: Int, length: Int, to set: inout [Int], marks: inout [Int]) {
        var pending = [index]
        while let index = pending.popLast() {
            guard marks[index] != position else { continue }
            marks[index] = position
            switch self.states[index] {
            case .split(let first, let second):
                pending.append(second)
                pending.append(first)
            case .atStart(let next):
                if position == 0 { pending.append(next) }
            case .atEnd(let next):
                if position == length { pending.append(next) }
            case .scalar, .accept:
                set.append(index)
            }
        }
    }

    /// Builds the automaton back to front: each part is compiled knowing the state that follows it.
    private struct Builder {
        var states: [State] = []

        mutating func add(_ state: State) -> Int {
            self.states.append(state)
            return self.states.count - 1
        }

        /// The first state of `expression` followed by `next`; `nil` once the automaton is over its size.
        mutating func compile(_ expression: PatternExpression, then next: Int) -> Int? {
            guard self.states.count <= ValidationPattern.maximumStates else { return nil }
            switch expression {
            case .empty:
                return next
            case .scalar(let set):
                return self.add(.scalar(set, next: next))
            case .start:
                return self.add(.atStart(next: next))
            case .end:
                return self.add(.atEnd(next: next))
            case .sequence(let parts):
                var start = next
                for part in parts.reversed() {
                    guard let first = self.compile(part, then: start) else { return nil }
                    start = first
                }
                return start
            case .choice(let branches):
                guard var start = self.compile(branches.last!, then: next) else { return nil }
                for branch in branches.dropLast().reversed() {
                    guard let first = self.compile(branch, then: next) else { return nil }
                    start = self.add(.split(first, start))
                }
                return start
            case .repetition(let body, let minimum, let maximum):
                var start = next
                if let maximum {
                    for _ in minimum..<maximum {
                        guard let first = self.compile(body, then: start) else { return nil }
                        start = self.add(.split(first, start))
                    }
                } else {
                    let loop = self.add(.split(next, next))
                    guard let first = self.compile(body, then: loop) else { return nil }
                    self.states[loop] = .split(first, next)
                    start = loop
                }
                for _ in 0..<minimum {
                    guard let first = self.compile(body, then: start) else { return nil }
                    start = first
                }
                return start
            }
        }
    }
}
