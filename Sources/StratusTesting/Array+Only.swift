extension Array {
    /// The single element, or `nil` when there are none or several.
    public var only: Element? { self.count == 1 ? self[0] : nil }
}
