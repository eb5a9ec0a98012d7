/// Why a cron field does not parse; ``CronExpression`` turns it into a ``ScheduleExpressionError``.
struct CronSyntaxError: Error {
    /// What is wrong, in a sentence.
    let reason: String

    init(_ reason: String) {
        self.reason = reason
    }
}
