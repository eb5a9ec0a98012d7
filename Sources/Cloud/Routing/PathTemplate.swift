/// A route's path, as API Gateway reads route keys and the router matches them: literal segments, `{name}` for one segment, and a final `{name+}` for the rest of the path.
public struct PathTemplate: Sendable, Hashable, CustomStringConvertible {
    /// One segment of a template.
    public enum Segment: Sendable, Hashable {
        case literal(String)
        case parameter(String)
        case greedy(String)

        /// How specific the segment is; when several routes match, the most specific wins, segment by segment.
        public var rank: Int {
            switch self {
            case .literal: 0
            case .parameter: 1
            case .greedy: 2
            }
        }
    }

    public let template: String
    public let segments: [Segment]
    /// The segments' ranks, compared lexicographically to pick the most specific of several matching routes.
    public let ranks: [Int]
    /// The names of the path parameters, in order.
    public let parameterNames: [String]

    /// - Precondition: the template starts with `/` and a greedy `{name+}` comes last (templates are code).
    public init(_ template: String) {
        precondition(template.hasPrefix("/"), "A path template starts with /: \(template)")
        self.template = template
        self.segments = template.split(separator: "/").map { part in
            if part.hasPrefix("{") && part.hasSuffix("+}") {
                return .greedy(String(part.dropFirst().dropLast(2)))
            } else if part.hasPrefix("{") && part.hasSuffix("}") {
                return .parameter(String(part.dropFirst().dropLast()))
            }
            return .literal(String(part))
        }
        if let greedy = self.segments.firstIndex(where: { if case .greedy = $0 { true } else { false } }) {
            precondition(greedy == self.segments.count - 1, "{name+} must be the last segment: \(template)")
        }
        self.ranks = self.segments.map(\.rank)
        self.parameterNames = self.segments.compactMap {
            switch $0 {
            case .literal: nil
            case .parameter(let name), .greedy(let name): name
            }
        }
    }

    /// The non-empty segments of a request path, split once and matched against every template. The split runs on
    /// the UTF-8 bytes (`/` is one byte and never part of another character), not on grapheme clusters.
    public static func parts(of path: String) -> [Substring] {
        path.utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }
    }

    /// The path parameters when `path` matches, percent-decoded; `nil` otherwise.
    public func match(_ path: String) -> [String: String]? {
        self.match(parts: Self.parts(of: path))
    }

    /// The path parameters when the path split into `parts` matches, percent-decoded; `nil` otherwise.
    public func match(parts: [Substring]) -> [String: String]? {
        guard parts.count == self.segments.count || (parts.count > self.segments.count && self.isGreedy) else {
            return nil
        }
        var parameters: [String: String] = [:]
        for (index, segment) in self.segments.enumerated() {
            switch segment {
            case .literal(let literal):
                guard index < parts.count, parts[index] == literal else { return nil }
            case .parameter(let name):
                guard index < parts.count, let value = PercentDecoding.decode(String(parts[index])), !value.isEmpty
                else {
                    return nil
                }
                parameters[name] = value
            case .greedy(let name):
                guard index < parts.count else { return nil }
                guard let value = PercentDecoding.decode(parts[index...].joined(separator: "/")) else { return nil }
                parameters[name] = value
                return parameters
            }
        }
        return parts.count == self.segments.count ? parameters : nil
    }

    private var isGreedy: Bool {
        if case .greedy? = self.segments.last { true } else { false }
    }

    public var description: String { self.template }
}
