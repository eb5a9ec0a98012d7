extension AWSTimestamp {
    /// The months as HTTP dates abbreviate them.
    private static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// Parses an HTTP `Date` header in its preferred form (RFC 9110's IMF-fixdate), `Wed, 02 Dec 2026 14:54:00 GMT`;
    /// `nil` for anything else.
    package init?(httpDate text: String) {
        let parts = text.split(separator: " ")
        guard text.utf8.count <= 40, parts.count == 6, parts[0].hasSuffix(","), parts[5] == "GMT",
            parts[1].count == 2, parts[3].count == 4, parts[4].count == 8,
            let month = Self.monthNames.firstIndex(of: String(parts[2]))
        else { return nil }
        let monthText = month < 9 ? "0\(month + 1)" : "\(month + 1)"
        self.init(iso8601: "\(parts[3])-\(monthText)-\(parts[1])T\(parts[4])Z")
    }
}
