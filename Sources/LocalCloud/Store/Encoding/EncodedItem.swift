import Cloud

/// An item kept in its binary form (``ItemBinaryCodec``), checked once when made, whose attributes are decoded one
/// at a time as they are read: a page of items costs little more than its bytes.
struct EncodedItem: LazyItemAttributes {
    let bytes: [UInt8]

    /// The item in `bytes`, if they are a well-formed encoded item.
    init?(validating bytes: [UInt8]) {
        let isWellFormed = bytes.withUnsafeBytes { raw in
            var reader = ItemBinaryReader(bytes: raw)
            guard let count = reader.length() else { return false }
            for _ in 0..<count where reader.chunk() == nil || !reader.skipValue() { return false }
            return reader.isAtEnd
        }
        guard isWellFormed else { return nil }
        self.bytes = bytes
    }

    /// The value of the attribute `name`, decoded alone.
    func value(named name: String) -> AttributeValue? {
        var name = name
        return name.withUTF8 { target in
            self.bytes.withUnsafeBytes { raw in
                var reader = ItemBinaryReader(bytes: raw)
                let count = reader.length() ?? 0
                for _ in 0..<count {
                    guard let matches = reader.nameMatches(target) else { return nil }
                    if matches { return reader.value() }
                    guard reader.skipValue() else { return nil }
                }
                return nil
            }
        }
    }

    /// Every attribute, decoded.
    var attributes: [String: AttributeValue] {
        self.bytes.withUnsafeBytes { ItemBinaryCodec.decode($0)?.attributes } ?? [:]
    }
}
