import Cloud

/// Where a user's messages go: the email and phone number of their profile, or the email the event itself carries
/// when there is no profile (yet).
struct NotificationRecipients: Sendable {
    let store: any ItemStore

    /// The messages for the notification of `event`, whose user is `userID`: an email when an address is known, and
    /// a text message when the kind warrants one and the profile has a phone number. Each is keyed by the event's
    /// ID and its channel, so a retry sends nothing twice.
    func messages(
        for event: NotificationEvent, kind: NotificationKind, userID: String, template: NotificationTemplate
    ) async throws(ItemStoreError) -> [OutgoingNotification] {
        let profile = try await self.store.get(UserProfile.key(userID: userID)).flatMap(UserProfile.init(item:))
        var messages: [OutgoingNotification] = []
        if let email = profile?.email ?? event.detail.email {
            messages.append(
                OutgoingNotification(
                    channel: .email, recipient: email, subject: template.subject, body: template.body,
                    idempotencyKey: "\(event.eventID)#email"))
        }
        if kind.textsThePhone, let phone = profile?.phone {
            messages.append(
                OutgoingNotification(
                    channel: .sms, recipient: phone, subject: template.subject, body: template.body,
                    idempotencyKey: "\(event.eventID)#sms"))
        }
        return messages
    }
}
