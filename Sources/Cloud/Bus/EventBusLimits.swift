/// The bounds EventBridge (and Lambda, for function targets) sets, in one place: ``EventBusRequest`` reads them, so
/// the local bus refuses exactly what EventBridge refuses.
public enum EventBusLimits {
    /// The most entries of one `PutEvents` request.
    public static let entriesPerRequest = 10
    /// The largest `PutEvents` request, counted as ``PutEventsEntry/size`` over its entries: 1 MB (EventBridge raised it
    /// from 256 KB on 29 January 2026, as it raised SQS messages and asynchronous Lambda payloads).
    public static let requestSize = 1_048_576
    /// The longest event bus name.
    public static let busNameLength = 256
    /// The longest rule, replay or target id.
    public static let ruleNameLength = 64
    /// The longest archive name.
    public static let archiveNameLength = 48
    /// The longest rule or archive description.
    public static let descriptionLength = 512
    /// The most rules on one bus.
    public static let rulesPerBus = 300
    /// The most targets of one rule.
    public static let targetsPerRule = 5
    /// The most variables of an input transformer's `InputPathsMap`.
    public static let inputPathsPerTransformer = 100
    /// The longest JSON path (`InputPath` and each `InputPathsMap` value).
    public static let inputPathLength = 256
    /// The longest input template.
    public static let inputTemplateLength = 8192
    /// The bounds of a target's `MaximumRetryAttempts`.
    public static let retryAttempts = 0...185
    /// The bounds of a target's `MaximumEventAgeInSeconds`: one minute to one day.
    public static let eventAgeSeconds = 60...86_400
    /// The bounds of Lambda's asynchronous `MaximumRetryAttempts`.
    public static let asyncRetryAttempts = 0...2
    /// The bounds of Lambda's asynchronous `MaximumEventAgeInSeconds`: one minute to six hours.
    public static let asyncEventAgeSeconds = 60...21_600
}
