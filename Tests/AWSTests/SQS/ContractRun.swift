import Testing

/// Runs a contract's checks one after another against one service, each failure recorded under the check's name;
/// the checks named in `gaps` are expected to fail, for the reason given (where the service differs from AWS).
func runContract<Check>(
    _ checks: [Check], name: (Check) -> String, gaps: [String: String],
    sourceLocation: SourceLocation = #_sourceLocation, _ run: (Check) async throws -> Void
) async {
    for check in checks {
        let gap = gaps[name(check)]
        await withKnownIssue(Comment(rawValue: gap ?? "")) {
            do {
                try await run(check)
            } catch {
                Issue.record("\(name(check)): \(error)", sourceLocation: sourceLocation)
            }
        } when: {
            gap != nil
        }
    }
}
