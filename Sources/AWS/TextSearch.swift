extension StringProtocol {
    /// The range of the first occurrence of `text`, compared byte for byte on UTF-8. The standard library's string
    /// searches (`firstRange(of:)`, `contains(_:)`, `replacing(_:with:)` with string arguments) live in
    /// `_StringProcessing`, which links Swift's regex engine into the Lambda binary: about 0.5 MB of its zip.
    func firstRange(ofText text: String) -> Range<Index>? {
        let needle = text.utf8
        var start = self.utf8.startIndex
        while start != self.utf8.endIndex {
            if self.utf8[start...].starts(with: needle) {
                return start..<self.utf8.index(start, offsetBy: needle.count)
            }
            start = self.utf8.index(after: start)
        }
        return needle.isEmpty ? start..<start : nil
    }

    /// Whether the text holds `text`, compared byte for byte on UTF-8.
    func contains(text: String) -> Bool {
        self.firstRange(ofText: text) != nil
    }
}
