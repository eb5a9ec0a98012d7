// The response written member by member, as its synthesised `Encodable` conformance writes it through
// StreamingJSONEncoder (declaration order, absent members left out, header names sorted), without the keyed containers
// and generic dispatch of an Encoder on every invocation.

extension APIGatewayV2Response: JSONBytesEncodable {
    /// The response as compact JSON text: `statusCode`, then `headers` (names sorted), `cookies`, `body` and
    /// `isBase64Encoded` when present.
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter(capacity: 160 + (self.body?.utf8.count ?? 0))
        writer.beginObject()
        writer.member("statusCode", self.statusCode)
        if let headers = self.headers {
            writer.key("headers")
            writer.beginObject()
            for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
                writer.key(name)
                writer.string(value)
            }
            writer.endObject()
        }
        if let cookies = self.cookies {
            writer.key("cookies")
            writer.beginArray()
            for cookie in cookies { writer.string(cookie) }
            writer.endArray()
        }
        if let body = self.body {
            writer.member("body", body)
        }
        if let isBase64Encoded = self.isBase64Encoded {
            writer.key("isBase64Encoded")
            writer.bool(isBase64Encoded)
        }
        writer.endObject()
        return writer.bytes
    }

    /// The response as a tree, member for member what reading ``jsonBytes`` back gives, made without writing the
    /// text and parsing it again (a trace captures a sampled invocation's response this way).
    public var jsonValue: JSONValue? {
        var members: [String: JSONValue] = ["statusCode": .integer(Int64(self.statusCode))]
        if let headers = self.headers { members["headers"] = .object(headers.mapValues(JSONValue.string)) }
        if let cookies = self.cookies { members["cookies"] = .array(cookies.map(JSONValue.string)) }
        if let body = self.body { members["body"] = .string(body) }
        if let isBase64Encoded = self.isBase64Encoded { members["isBase64Encoded"] = .bool(isBase64Encoded) }
        return .object(members)
    }
}
