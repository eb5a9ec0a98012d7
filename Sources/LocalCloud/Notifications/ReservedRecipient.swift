import Cloud

/// Recipients that exist only on paper, which the local notifier refuses as a real channel fails to deliver to
/// them: an email address under the `.invalid` top-level domain, which RFC 2606 reserves so that it never resolves,
/// and a UK mobile number in 07700 900000 to 900999, which Ofcom reserves for drama and no carrier routes. A user
/// who gave one fixes it in their profile.
enum ReservedRecipient {
    /// Why `recipient` on `channel` can never be delivered; `nil` when nothing says so. The reason does not repeat
    /// the recipient.
    static func reason(_ recipient: String, on channel: OutgoingNotification.Channel) -> String? {
        switch channel {
        case .email:
            let domain = recipient.split(separator: "@").last.map { $0.lowercased() } ?? ""
            return domain == "invalid" || domain.hasSuffix(".invalid")
                ? "The address is under .invalid, reserved never to receive mail (RFC 2606)" : nil
        case .sms:
            // +44 7700 900000 to 900999.
            let isDrama = recipient.utf8.count == 13 && recipient.hasPrefix("+447700900")
            return isDrama ? "The number is reserved for drama (07700 900xxx, Ofcom): no carrier routes it" : nil
        }
    }
}
