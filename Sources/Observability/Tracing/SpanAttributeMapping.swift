import LambdaEvents
import Tracing

/// How span attributes become X-Ray fields: `aws.<field>` fills the `aws` block (`operation`, `table_name`,
/// `region`, `request_id`, `queue_url`, …); OpenTelemetry's HTTP names fill the `http` block
/// (`http.request.method`, `url.full`, `user_agent.original`, `client.address`, `http.response.status_code`,
/// `http.response.body.size`), and the status sets `error`, `throttle` or `fault`; other attributes become
/// metadata in the `attributes` namespace. A client span is in the `aws` namespace when it has `aws.` attributes,
/// else in `remote`.
enum SpanAttributeMapping {
    static func apply(_ attributes: SpanAttributes, kind: SpanKind, to document: inout SegmentDocument) {
        guard !attributes.isEmpty || kind == .client else { return }
        var aws: [String: JSONValue] = [:]
        var request = SegmentDocument.HTTPBlock.Request()
        var response = SegmentDocument.HTTPBlock.Response()
        var others: [String: JSONValue] = [:]
        // swift-format-ignore: ReplaceForEachWithForLoop
        // SpanAttributes is not a Sequence: forEach is its only way to visit every attribute.
        attributes.forEach { name, attribute in
            let value = Self.json(attribute)
            switch name {
            case "http.request.method": request.method = value.stringValue
            case "url.full": request.url = value.stringValue
            case "user_agent.original": request.userAgent = value.stringValue
            case "client.address": request.clientIP = value.stringValue
            case "http.response.status_code": response.status = value.intValue
            case "http.response.body.size": response.contentLength = value.intValue
            case _ where name.hasPrefix("aws."): aws[String(name.dropFirst(4))] = value
            default: others[name] = value
            }
        }
        if !aws.isEmpty { document.aws = (document.aws ?? [:]).merging(aws) { _, new in new } }
        if request != SegmentDocument.HTTPBlock.Request() || response != SegmentDocument.HTTPBlock.Response() {
            document.http = SegmentDocument.HTTPBlock(
                request: request == SegmentDocument.HTTPBlock.Request() ? nil : request,
                response: response == SegmentDocument.HTTPBlock.Response() ? nil : response
            )
        }
        if let status = response.status { document.flagOutcome(status: status) }
        if !others.isEmpty {
            document.metadata = (document.metadata ?? [:]).merging(["attributes": others]) { _, new in new }
        }
        if kind == .client, document.namespace == nil { document.namespace = aws.isEmpty ? "remote" : "aws" }
    }

    static func json(_ attribute: SpanAttribute) -> JSONValue {
        switch attribute {
        case .int32(let value): .integer(Int64(value))
        case .int64(let value): .integer(value)
        case .double(let value): value.isFinite ? .number(value) : .string(String(value))
        case .bool(let value): .bool(value)
        case .string(let value): .string(value)
        case .int32Array(let values): .array(values.map { .integer(Int64($0)) })
        case .int64Array(let values): .array(values.map { .integer($0) })
        case .doubleArray(let values): .array(values.map { $0.isFinite ? .number($0) : .string(String($0)) })
        case .boolArray(let values): .array(values.map { .bool($0) })
        case .stringArray(let values): .array(values.map { .string($0) })
        case .stringConvertibleArray(let values): .array(values.map { .string($0.description) })
        case .stringConvertible(let value): .string(value.description)
        default: .string(String(describing: attribute))
        }
    }
}

extension JSONValue {
    fileprivate var intValue: Int? {
        switch self {
        case .integer(let value): Int(exactly: value)
        case .number(let value): Int(exactly: value)
        default: nil
        }
    }
}
