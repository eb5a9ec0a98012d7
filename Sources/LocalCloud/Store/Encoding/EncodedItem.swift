import Cloud

/// An item kept in its binary form (``ItemBinaryCodec``), checked once when made, whose attributes are decoded one
/// at a time as they are read: a page of items costs little more than its bytes.
struct EncodedItem: LazyItemAttributes {
    let bytes: [UInt8]
    /// Where each attribute's name begins in `bytes`, noted by the check: reading an attribute compares names
    /// without walking the values in front of it again.
    private let nameOffsets: [UInt32]

    /// The item in `bytes`, if they are a well-formed encoded item.
    init?(validating bytes: [UInt8]) {
        guard bytes.count <= UInt32.max else { return nil }
        var nameOffsets: [UInt32] = []
        let isWellFormed = bytes.withUnsafeBytes { raw in
            var reader = ItemBinaryReader(bytes: raw)
            guard let count = reader.elementCount() else { return false }
            nameOffsets.reserveCapacity(count)
            for _ in 0..<count {
                nameOffsets.append(UInt32(truncatingIfNeeded: reader.offset))
                guard reader.chunk() != nil, reader.skipValue() else { return false }
            }
            return reader.isAtEnd
        }
        guard isWellFormed else { return nil }
        self.bytes = bytes
        self.nameOffsets = nameOffsets
    }

    /// The value of the attribute `name`, decoded alone.
    func value(named name: String) -> AttributeValue? {
        var name = name
        return name.withUTF8 { target in
            self.bytes.withUnsafeBytes { raw in
                var reader = ItemBinaryReader(bytes: raw)
                for offset in self.nameOffsets {
                    reader.offset = Int(offset)
                    if reader.nameMatches(target) == true { return reader.value() }
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
