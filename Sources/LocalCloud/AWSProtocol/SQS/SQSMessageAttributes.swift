import Cloud
import Crypto
import Foundation
import Hashing
import JSONCoding
import LambdaEvents

/// Message attributes on SQS's JSON protocol: `{"name": {"DataType": "String", "StringValue": "…"}}` (`BinaryValue`
/// in base64 for `Binary`), and their MD5 digest as SQS computes it, which the SDKs check.
enum SQSMessageAttributes {
    /// The attributes of the member `MessageAttributes` (or `MessageSystemAttributes`) `name` of `input`.
    /// Custom data types (`Number.float`) are refused: the queues keep the three base types only.
    static func decode(_ name: String, of input: AWSMembers) throws(AWSProtocolError)
        -> [String: MessageAttributeValue]
    {
        guard let entries = try input.structureMap(name) else { return [:] }
        var attributes: [String: MessageAttributeValue] = [:]
        for (key, entry) in entries {
            let dataType = try entry.requiredString("DataType")
            let value: MessageAttributeValue? =
                switch dataType {
                case "String": try entry.string("StringValue").map(MessageAttributeValue.string)
                case "Number": try entry.string("StringValue").map(MessageAttributeValue.number)
                case "Binary": try entry.blob("BinaryValue").map(MessageAttributeValue.binary)
                default:
                    throw entry.invalidValue(
                        "DataType", "the local queues take String, Number and Binary, not \(dataType.prefix(64))")
                }
            guard let value else {
                throw entry.missing(dataType == "Binary" ? "BinaryValue" : "StringValue")
            }
            attributes[key] = value
        }
        return attributes
    }

    /// `attributes` as the JSON of a response.
    static func encode(_ attributes: [String: MessageAttributeValue]) -> JSONValue {
        .object(
            attributes.mapValues { value in
                switch value {
                case .string(let text), .number(let text):
                    ["DataType": .string(value.dataType), "StringValue": .string(text)]
                case .binary(let bytes):
                    ["DataType": "Binary", "BinaryValue": .string(Base64.encode(bytes))]
                }
            })
    }

    /// The MD5 digest SQS reports for `attributes`, in lowercase hex, or `nil` when there are none: over the
    /// attributes sorted by name, each written as its name, its data type (both prefixed with their length in four
    /// bytes, big-endian), a transport byte (1 for text, 2 for binary) and its length-prefixed value.
    static func md5(of attributes: [String: MessageAttributeValue]) -> String? {
        guard !attributes.isEmpty else { return nil }
        var bytes: [UInt8] = []
        for (name, value) in attributes.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            Self.appendLengthPrefixed(Array(name.utf8), to: &bytes)
            Self.appendLengthPrefixed(Array(value.dataType.utf8), to: &bytes)
            if case .binary = value { bytes.append(2) } else { bytes.append(1) }
            Self.appendLengthPrefixed(value.bytes, to: &bytes)
        }
        return Hashing.SHA256.hex(Array(Insecure.MD5.hash(data: bytes)))
    }

    private static func appendLengthPrefixed(_ value: [UInt8], to bytes: inout [UInt8]) {
        let length = UInt32(truncatingIfNeeded: value.count)
        bytes.append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: length >> $0) })
        bytes.append(contentsOf: value)
    }
}
