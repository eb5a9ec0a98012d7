/// Reads the syntax of ``ValidationPattern`` by recursive descent; every method answers `nil` for syntax it does not
/// accept, so an unsupported pattern is refused whole rather than read differently from how ECMA-262 reads it.
struct ValidationPatternParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    /// The largest count a `{n,m}` may name.
    static let maximumCount = 1_000

    init(_ scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    /// The whole pattern, or `nil` when any of it is not read.
    mutating func parseWhole() -> PatternExpression? {
        guard let expression = self.parseChoice(), self.index == self.scalars.count else { return nil }
        return expression
    }

    private var current: Unicode.Scalar? {
        self.index < self.scalars.count ? self.scalars[self.index] : nil
    }

    private mutating func take(_ scalar: Unicode.Scalar) -> Bool {
        guard self.current == scalar else { return false }
        self.index += 1
        return true
    }

    /// `a|b|…`
    private mutating func parseChoice() -> PatternExpression? {
        var branches: [PatternExpression] = []
        repeat {
            guard let branch = self.parseSequence() else { return nil }
            branches.append(branch)
        } while self.take("|")
        return branches.count == 1 ? branches[0] : .choice(branches)
    }

    /// Quantified atoms up to a `|`, a `)` or the end.
    private mutating func parseSequence() -> PatternExpression? {
        var parts: [PatternExpression] = []
        while let scalar = self.current, scalar != "|", scalar != ")" {
            guard let atom = self.parseAtom(), let quantified = self.parseQuantifier(of: atom) else { return nil }
            parts.append(quantified)
        }
        return parts.isEmpty ? .empty : parts.count == 1 ? parts[0] : .sequence(parts)
    }

    private mutating func parseAtom() -> PatternExpression? {
        guard let scalar = self.current else { return nil }
        self.index += 1
        switch scalar {
        case "^": return .start
        case "$": return .end
        case ".": return .scalar(.anyButLineTerminators)
        case "[": return self.parseClass().map(PatternExpression.scalar)
        case "\\": return self.parseEscape().map(PatternExpression.scalar)
        case "(":
            // `(?:…)` groups without capturing; other `(?` forms (lookaround, named groups) are refused.
            if self.take("?") { guard self.take(":") else { return nil } }
            guard let inner = self.parseChoice(), self.take(")") else { return nil }
            return inner
        case "*", "+", "?", "{", "}", "]", ")": return nil
        default: return .scalar(.only(scalar))
        }
    }

    /// `*`, `+`, `?`, `{n}`, `{n,}` or `{n,m}` after `atom`, each maybe followed by `?`.
    private mutating func parseQuantifier(of atom: PatternExpression) -> PatternExpression? {
        let bounds: (Int, Int?)
        if self.take("*") {
            bounds = (0, nil)
        } else if self.take("+") {
            bounds = (1, nil)
        } else if self.take("?") {
            bounds = (0, 1)
        } else if self.take("{") {
            guard let minimum = self.parseCount() else { return nil }
            var maximum: Int? = minimum
            if self.take(",") {
                if self.current == "}" {
                    maximum = nil
                } else {
                    guard let upper = self.parseCount() else { return nil }
                    maximum = upper
                }
            }
            guard self.take("}") else { return nil }
            if let maximum, maximum < minimum { return nil }
            bounds = (minimum, maximum)
        } else {
            return atom
        }
        switch atom {
        case .start, .end, .empty: return nil
        default: break
        }
        _ = self.take("?")
        return .repetition(atom, minimum: bounds.0, maximum: bounds.1)
    }

    private mutating func parseCount() -> Int? {
        var value = 0
        var digits = 0
        while let scalar = self.current, let digit = Int(String(scalar)), scalar.isASCII {
            value = value * 10 + digit
            digits += 1
            self.index += 1
            guard value <= Self.maximumCount else { return nil }
        }
        return digits > 0 ? value : nil
    }

    /// After `\`: a class escape, a control escape, or an escaped metacharacter.
    private mutating func parseEscape() -> ScalarSet? {
        guard let scalar = self.current else { return nil }
        self.index += 1
        switch scalar {
        case "d": return ScalarSet(ranges: ScalarSet.digitRanges)
        case "D": return ScalarSet(complements: [ScalarSet.digitRanges])
        case "w": return ScalarSet(ranges: ScalarSet.wordRanges)
        case "W": return ScalarSet(complements: [ScalarSet.wordRanges])
        case "s": return ScalarSet(ranges: ScalarSet.whitespaceRanges)
        case "S": return ScalarSet(complements: [ScalarSet.whitespaceRanges])
        case "t": return .only("\t")
        case "n": return .only("\n")
        case "r": return .only("\r")
        case "f": return .only("\u{0C}")
        case "v": return .only("\u{0B}")
        default:
            // Only punctuation may be escaped to stand for itself: `\1`, `\b`, `\p{…}` and the like are refused.
            guard scalar.isASCII, !scalar.properties.isAlphabetic, !("0"..."9").contains(scalar) else { return nil }
            return .only(scalar)
        }
    }

    /// After `[`: members up to `]`, negated by a leading `^`.
    private mutating func parseClass() -> ScalarSet? {
        var set = ScalarSet()
        let isNegated = self.take("^")
        while let scalar = self.current, scalar != "]" {
            guard let low = self.parseClassMember() else { return nil }
            // `a-z`, unless `-` ends the class.
            if low.ranges.count == 1, low.complements.isEmpty, low.ranges[0].count == 1, self.current == "-",
                self.index + 1 < self.scalars.count, self.scalars[self.index + 1] != "]"
            {
                self.index += 1
                guard let high = self.parseClassMember(), high.ranges.count == 1, high.complements.isEmpty,
                    high.ranges[0].count == 1, low.ranges[0].lowerBound <= high.ranges[0].lowerBound
                else { return nil }
                set.ranges.append(low.ranges[0].lowerBound...high.ranges[0].lowerBound)
            } else {
                set.formUnion(low)
            }
        }
        guard self.take("]") else { return nil }
        set.isNegated = isNegated
        return set
    }

    private mutating func parseClassMember() -> ScalarSet? {
        guard let scalar = self.current else { return nil }
        self.index += 1
        if scalar == "\\" { return self.parseEscape() }
        if scalar == "[" { return nil }
        return .only(scalar)
    }
}
