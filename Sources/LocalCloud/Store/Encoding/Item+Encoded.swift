public import Cloud

extension Item {
    /// The item in its binary form (``ItemBinaryCodec``), checked now and decoded as it is read; `nil` when the
    /// bytes are not an encoded item.
    public init?(encoded bytes: [UInt8]) {
        guard let encoded = EncodedItem(validating: bytes) else { return nil }
        self.init(lazy: encoded)
    }
}
