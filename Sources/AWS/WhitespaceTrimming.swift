extension StringProtocol {
    /// The text without the white space (spaces, tabs, line breaks) at either end.
    var trimmingWhitespace: String {
        guard let first = self.firstIndex(where: { !$0.isWhitespace }),
            let last = self.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return String(self[first...last])
    }
}
