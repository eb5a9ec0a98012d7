import LambdaEvents

extension SegmentDocument {
    /// The document as compact JSON, written directly (a sampled invocation sends several: no `JSONEncoder`).
    public var jsonBytes: [UInt8] {
        var writer = SegmentJSONWriter()
        writer.document(self)
        return writer.bytes
    }
}

/// Writes segment documents as JSON, members in X-Ray's usual order.
struct SegmentJSONWriter {
    private(set) var bytes: [UInt8] = []

    init() {
        self.bytes.reserveCapacity(1024)
    }

    /// This writer, leaving this one empty: an object's members are written without copying the bytes so far.
    mutating func taken() -> SegmentJSONWriter {
        let writer = self
        self.bytes = []
        return writer
    }

    mutating func document(_ document: SegmentDocument) {
        var object = ObjectWriter(writer: self.taken())
        object.string("name", document.name)
        object.string("id", document.id)
        object.string("trace_id", document.traceID)
        object.string("parent_id", document.parentID)
        object.string("type", document.type)
        object.number("start_time", document.startTime)
        object.number("end_time", document.endTime)
        object.bool("in_progress", document.inProgress)
        object.string("namespace", document.namespace)
        object.string("origin", document.origin)
        if let http = document.http {
            object.member("http") { writer in writer.http(http) }
        }
        object.json("aws", document.aws.map(JSONValue.object))
        object.json("annotations", document.annotations.map(JSONValue.object))
        object.json("metadata", document.metadata.map { .object($0.mapValues(JSONValue.object)) })
        object.bool("error", document.error)
        object.bool("throttle", document.throttle)
        object.bool("fault", document.fault)
        if let cause = document.cause {
            object.member("cause") { writer in writer.cause(cause) }
        }
        if let subsegments = document.subsegments {
            object.member("subsegments") { writer in
                writer.bytes.append(UInt8(ascii: "["))
                for (index, subsegment) in subsegments.enumerated() {
                    if index > 0 { writer.bytes.append(UInt8(ascii: ",")) }
                    writer.document(subsegment)
                }
                writer.bytes.append(UInt8(ascii: "]"))
            }
        }
        self = object.finish()
    }

    private mutating func http(_ http: SegmentDocument.HTTPBlock) {
        var object = ObjectWriter(writer: self.taken())
        if let request = http.request {
            object.member("request") { writer in
                var members = ObjectWriter(writer: writer.taken())
                members.string("method", request.method)
                members.string("url", request.url)
                members.string("user_agent", request.userAgent)
                members.string("client_ip", request.clientIP)
                members.bool("traced", request.traced)
                writer = members.finish()
            }
        }
        if let response = http.response {
            object.member("response") { writer in
                var members = ObjectWriter(writer: writer.taken())
                members.integer("status", response.status)
                members.integer("content_length", response.contentLength)
                writer = members.finish()
            }
        }
        self = object.finish()
    }

    private mutating func cause(_ cause: SegmentDocument.Cause) {
        var object = ObjectWriter(writer: self.taken())
        object.member("exceptions") { writer in
            writer.bytes.append(UInt8(ascii: "["))
            for (index, exception) in cause.exceptions.enumerated() {
                if index > 0 { writer.bytes.append(UInt8(ascii: ",")) }
                var members = ObjectWriter(writer: writer.taken())
                members.string("id", exception.id)
                members.string("message", exception.message)
                members.string("type", exception.type)
                members.bool("remote", exception.remote)
                writer = members.finish()
            }
            writer.bytes.append(UInt8(ascii: "]"))
        }
        self = object.finish()
    }

    mutating func value(_ value: JSONValue) {
        switch value {
        case .null: self.bytes.append(contentsOf: "null".utf8)
        case .bool(let flag): self.bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .integer(let integer): self.bytes.append(contentsOf: String(integer).utf8)
        case .number(let number): self.bytes.append(contentsOf: Self.number(number).utf8)
        case .string(let text): JSONStringLiteral.append(text, to: &self.bytes)
        case .array(let elements):
            self.bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { self.bytes.append(UInt8(ascii: ",")) }
                self.value(element)
            }
            self.bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            self.bytes.append(UInt8(ascii: "{"))
            for (index, member) in members.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { self.bytes.append(UInt8(ascii: ",")) }
                JSONStringLiteral.append(member.key, to: &self.bytes)
                self.bytes.append(UInt8(ascii: ":"))
                self.value(member.value)
            }
            self.bytes.append(UInt8(ascii: "}"))
        }
    }

    /// A finite number as JSON; anything else as `null`, which JSON has no number for.
    static func number(_ number: Double) -> String {
        guard number.isFinite else { return "null" }
        return String(number)
    }

    /// The members of one object, each written only when it has a value.
    struct ObjectWriter {
        private var writer: SegmentJSONWriter
        private var isFirst = true

        init(writer: SegmentJSONWriter) {
            self.writer = writer
            self.writer.bytes.append(UInt8(ascii: "{"))
        }

        mutating func member(_ key: String, _ write: (inout SegmentJSONWriter) -> Void) {
            if !self.isFirst { self.writer.bytes.append(UInt8(ascii: ",")) }
            self.isFirst = false
            JSONStringLiteral.append(key, to: &self.writer.bytes)
            self.writer.bytes.append(UInt8(ascii: ":"))
            write(&self.writer)
        }

        mutating func string(_ key: String, _ value: String?) {
            guard let value else { return }
            self.member(key) { JSONStringLiteral.append(value, to: &$0.bytes) }
        }

        mutating func number(_ key: String, _ value: Double?) {
            guard let value else { return }
            self.member(key) { $0.bytes.append(contentsOf: SegmentJSONWriter.number(value).utf8) }
        }

        mutating func integer(_ key: String, _ value: Int?) {
            guard let value else { return }
            self.member(key) { $0.bytes.append(contentsOf: String(value).utf8) }
        }

        mutating func bool(_ key: String, _ value: Bool?) {
            guard let value else { return }
            self.member(key) { $0.bytes.append(contentsOf: (value ? "true" : "false").utf8) }
        }

        mutating func json(_ key: String, _ value: JSONValue?) {
            guard let value else { return }
            self.member(key) { $0.value(value) }
        }

        consuming func finish() -> SegmentJSONWriter {
            self.writer.bytes.append(UInt8(ascii: "}"))
            return self.writer
        }
    }
}
