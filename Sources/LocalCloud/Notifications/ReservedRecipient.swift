import Cloud

/// Recipients that exist only on paper, which the local notifier refuses as a real channel fails to deliver to
/// them: an email address under the `.invalid` top-level domain, which RFC 2606 reserves so that it never resolves,
/// and a North American phone number in 555-0100 to 555-0199, the range reserved for fiction, which no carrier
/// routes. A user who gave one fixes it in their profile.
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
            // +1, a three-digit area code, then 555-01XX.
            let isFictional =
                recipient.utf8.count == 12 && recipient.hasPrefix("+1") && recipient.dropFirst(5).hasPrefix("55501")
            return isFictional
                ? "The number is reserved for fiction (555-0100 to 555-0199): no carrier routes it"
                : nil
        }
    }
}
