import Middleware

/// An event the analytics consumer counts, in EventBridge's envelope; its detail is not read, only its ID, type and
/// time.
typealias AnalyticsEvent = EventBridgeEvent<JSONValue>
