/// A target's input built from the event: variables read by JSON path, put into a template as `<name>`.
///
/// A placeholder inside a JSON string of the template takes the value's text; outside a string it takes the value's
/// JSON. Besides the variables, the template may use EventBridge's predefined ones: `<aws.events.rule-arn>`,
/// `<aws.events.rule-name>`, `<aws.events.event.ingestion-time>`, `<aws.events.event>` (the event without its
/// `detail`) and `<aws.events.event.json>` (the whole event).
public struct InputTransformer: Sendable, Hashable, Codable {
    /// The variables (up to 100), each a JSON path into the event such as `$.detail.id`.
    public var inputPathsMap: [String: String]
    /// The text sent, with placeholders (1…8,192 characters).
    public var inputTemplate: String

    /// A transformer filling `inputTemplate` from `inputPathsMap`.
    public init(inputPathsMap: [String: String] = [:], inputTemplate: String) {
        self.inputPathsMap = inputPathsMap
        self.inputTemplate = inputTemplate
    }
}
