import Foundation
import JSONCoding
import Testing

/// The EventBridge conformance cases recorded against real EventBridge, read from
/// `../shared/conformance/eventbridge-patterns` beside the package.
struct ConformanceCorpus {
    /// What EventBridge answered for a case, from the file's name.
    enum Outcome: Equatable {
        case match
        case noMatch
        case invalidPattern
    }

    /// One recorded case.
    struct Case {
        let name: String
        let event: JSONValue
        let pattern: JSONValue
        let outcome: Outcome
    }

    /// How many files the corpus holds: 155 cases of one file and one case of two.
    static let fileCount = 157

    let directory: URL
    /// The cases, in file-name order.
    let cases: [Case]
    /// How many files the cases were read from.
    let filesRead: Int

    /// The corpus, or `nil` when its folder is absent: then a failure when `CI=true`, else a recorded issue.
    static func load(sourceLocation: SourceLocation = #_sourceLocation) throws -> ConformanceCorpus? {
        guard let directory = Self.locate() else {
            let message = Comment(
                rawValue:
                    "The conformance folder shared/conformance/eventbridge-patterns was not found beside the package; "
                    + "its cases were not checked")
            if ProcessInfo.processInfo.environment["CI"] == "true" {
                Issue.record(message, sourceLocation: sourceLocation)
            } else {
                withKnownIssue("the conformance corpus is absent outside CI") {
                    Issue.record(message, sourceLocation: sourceLocation)
                }
            }
            return nil
        }
        return try ConformanceCorpus(directory: directory)
    }

    /// The folder found by walking up from this file to one that holds `shared/conformance/eventbridge-patterns`.
    private static func locate() -> URL? {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            folder = folder.deletingLastPathComponent()
            let candidate = folder.appendingPathComponent("shared/conformance/eventbridge-patterns")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    private init(directory: URL) throws {
        self.directory = directory
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        var cases: [Case] = []
        var filesRead = 0
        for name in names where name.hasSuffix(".json5") {
            let file = try Self.read(directory.appendingPathComponent(name))
            filesRead += 1
            let stem = String(name.dropLast(".json5".count))
            let outcome: Outcome =
                stem.hasSuffix("_EXC") ? .invalidPattern : stem.hasSuffix("_NEG") ? .noMatch : .match
            cases.append(
                Case(
                    name: name, event: file["Event"] ?? .null, pattern: file["EventPattern"] ?? .null,
                    outcome: outcome))
        }
        // The pair: a pattern that repeats a key (the last one counts), and the event it matches.
        let event = try Self.read(directory.appendingPathComponent("complex_multi_key_event.json"))
        let pattern = try Self.read(directory.appendingPathComponent("complex_multi_key_event_pattern.json"))
        filesRead += 2
        cases.append(Case(name: "complex_multi_key_event*.json", event: event, pattern: pattern, outcome: .match))
        self.cases = cases
        self.filesRead = filesRead
    }

    private static func read(_ file: URL) throws -> JSONValue {
        let text = try String(contentsOf: file, encoding: .utf8)
        return try #require(JSON5Text.parse(text), "\(file.lastPathComponent) is not JSON5 this reader understands")
    }
}
