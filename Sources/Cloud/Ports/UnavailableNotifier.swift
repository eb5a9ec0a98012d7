/// A notifier that refuses every notification with one reason: the stand-in where no adapter is configured.
public struct UnavailableNotifier: Notifier {
    /// Why nothing can be sent, as the error says it.
    public let reason: String

    /// A notifier that refuses everything because of `reason`.
    public init(reason: String) {
        self.reason = reason
    }

    /// Fails with ``NotifierError/Code/unavailable`` and the reason.
    public func send(_ notification: OutgoingNotification) throws(NotifierError) {
        throw NotifierError(.unavailable, self.reason)
    }
}
