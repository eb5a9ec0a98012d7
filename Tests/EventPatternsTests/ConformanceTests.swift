import EventPatterns
import JSONCoding
import Testing

/// Every case EventBridge's `TestEventPattern` answered in the shared conformance corpus.
@Suite("EventBridge conformance corpus")
struct ConformanceTests {
    @Test("each case matches, does not match, or is rejected as EventBridge decided")
    func everyCaseAgreesWithEventBridge() throws {
        guard let corpus = try ConformanceCorpus.load() else { return }
        #expect(corpus.filesRead == ConformanceCorpus.fileCount)
        var failures: [String] = []
        for testCase in corpus.cases {
            let answer: ConformanceCorpus.Outcome
            do {
                answer = try EventPattern(testCase.pattern).matches(testCase.event) ? .match : .noMatch
            } catch {
                answer = .invalidPattern
            }
            if answer != testCase.outcome {
                failures.append("\(testCase.name): expected \(testCase.outcome), got \(answer)")
            }
        }
        #expect(
            failures.isEmpty,
            "\(failures.count) of \(corpus.cases.count) cases differ:\n\(failures.joined(separator: "\n"))")
    }

    @Test("a rule index over every valid corpus pattern finds exactly the patterns that match each corpus event")
    func theRuleIndexAgreesWithEachPatternOnTheCorpus() throws {
        guard let corpus = try ConformanceCorpus.load() else { return }
        let patterns = corpus.cases.compactMap { testCase in
            (try? EventPattern(testCase.pattern)).map { (testCase.name, $0) }
        }
        var index = RuleIndex<String>()
        for (name, pattern) in patterns {
            index.add(pattern, for: name)
        }
        for testCase in corpus.cases {
            let expected = patterns.filter { $0.1.matches(testCase.event) }.map(\.0)
            #expect(index.matchingRules(for: testCase.event) == expected, "event of \(testCase.name)")
        }
    }
}
