/// The subject and body a user gets for each kind of event. Bodies name the order or account and what happened,
/// never a secret, a token or anything the event does not say.
struct NotificationTemplate: Sendable, Equatable {
    var subject: String
    var body: String

    /// The message for an event of `kind` with `detail`.
    init(_ kind: NotificationKind, detail: NotificationEventDetail) {
        let order = detail.orderId ?? "(unknown)"
        switch kind {
        case .orderCreated:
            self.subject = "We have your order"
            let total = detail.total.map { "\($0)" } ?? "?"
            self.body =
                "Your order \(order) is placed, for a total of \(total) in minor units of \(detail.currency ?? "?"). "
                + "We will write again when it moves on."
        case .orderStatusChanged:
            let status = (detail.to ?? "?").lowercased()
            self.subject = "Your order is \(status)"
            self.body = "Your order \(order) went from \((detail.from ?? "?").lowercased()) to \(status)."
        case .userRegistered:
            self.subject = "Welcome to Stratus"
            self.body = "Your account is ready. You can sign in with \(detail.email ?? "your email address")."
        case .userProfileUpdated:
            self.subject = "Your profile changed"
            self.body = "Your profile was updated. If you did not change it, reset your password."
        }
    }
}
