import Cloud
import Crypto
import Hashing

/// The MD5 digest SQS reports for a message's attributes (`md5OfMessageAttributes`): over the attributes sorted by
/// name, each as its name, its data type, a transport byte (1 for text, 2 for binary) and its value, every part
/// but the transport byte preceded by its length as four big-endian bytes.
enum MessageAttributesDigest {
    /// The digest of `attributes` in lowercase hex, or `nil` when there are none.
    static func md5(of attributes: [String: MessageAttributeValue]) -> String? {
        guard !attributes.isEmpty else { return nil }
        var bytes: [UInt8] = []
        for (name, value) in attributes.sorted(by: { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) }) {
            Self.append(Array(name.utf8), to: &bytes)
            Self.append(Array(value.dataType.utf8), to: &bytes)
            if case .binary = value { bytes.append(2) } else { bytes.append(1) }
            Self.append(value.bytes, to: &bytes)
        }
        return SHA256.hex(Array(Insecure.MD5.hash(data: bytes)))
    }

    private static func append(_ part: [UInt8], to bytes: inout [UInt8]) {
        let length = UInt32(part.count)
        bytes += [UInt8(length >> 24), UInt8(truncatingIfNeeded: length >> 16), UInt8(truncatingIfNeeded: length >> 8)]
        bytes.append(UInt8(truncatingIfNeeded: length))
        bytes += part
    }
}
