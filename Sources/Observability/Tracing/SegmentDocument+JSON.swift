import JSONCoding

extension SegmentDocument {
    /// The document as compact JSON, written directly (a sampled invocation sends several: no `JSONEncoder`).
    public var jsonBytes: [UInt8] {
        var writer = JSONWriter(capacity: 1024)
        writer.segment(self)
        return writer.bytes
    }
}

/// Segment documents: members in X-Ray's usual order, each written only when it has a value.
extension JSONWriter {
    mutating func segment(_ document: SegmentDocument) {
        self.beginObject()
        self.member("name", document.name)
        self.member("id", document.id)
        self.member("trace_id", document.traceID)
        self.member("parent_id", document.parentID)
        self.member("type", document.type)
        self.member("start_time", document.startTime)
        self.member("end_time", document.endTime)
        self.member("in_progress", document.inProgress)
        self.member("namespace", document.namespace)
        self.member("origin", document.origin)
        if let http = document.http {
            self.key("http")
            self.http(http)
        }
        self.member("aws", document.aws.map(JSONValue.object))
        self.member("annotations", document.annotations.map(JSONValue.object))
        if let metadata = document.metadata {
            // Namespace by namespace, in key order as any JSON object: no dictionary of JSON values is built for it.
            self.key("metadata")
            self.beginObject()
            for namespace in metadata.sorted(by: { $0.key < $1.key }) {
                self.key(namespace.key)
                self.value(.object(namespace.value))
            }
            self.endObject()
        }
        self.member("error", document.error)
        self.member("throttle", document.throttle)
        self.member("fault", document.fault)
        if let cause = document.cause {
            self.key("cause")
            self.cause(cause)
        }
        if let subsegments = document.subsegments {
            self.key("subsegments")
            self.beginArray()
            for subsegment in subsegments { self.segment(subsegment) }
            self.endArray()
        }
        self.endObject()
    }

    private mutating func http(_ http: SegmentDocument.HTTPBlock) {
        self.beginObject()
        if let request = http.request {
            self.key("request")
            self.beginObject()
            self.member("method", request.method)
            self.member("url", request.url)
            self.member("user_agent", request.userAgent)
            self.member("client_ip", request.clientIP)
            self.member("traced", request.traced)
            self.endObject()
        }
        if let response = http.response {
            self.key("response")
            self.beginObject()
            self.member("status", response.status)
            self.member("content_length", response.contentLength)
            self.endObject()
        }
        self.endObject()
    }

    private mutating func cause(_ cause: SegmentDocument.Cause) {
        self.beginObject()
        self.key("exceptions")
        self.beginArray()
        for exception in cause.exceptions {
            self.beginObject()
            self.member("id", exception.id)
            self.member("message", exception.message)
            self.member("type", exception.type)
            self.member("remote", exception.remote)
            self.endObject()
        }
        self.endArray()
        self.endObject()
    }

    /// A member, only when it has a value.
    private mutating func member(_ key: String, _ value: (some SegmentMemberValue)?) {
        guard let value else { return }
        self.key(key)
        value.write(into: &self)
    }
}

/// The kinds of value a segment member holds, each written by its own writer call.
protocol SegmentMemberValue {
    func write(into writer: inout JSONWriter)
}

extension String: SegmentMemberValue {
    func write(into writer: inout JSONWriter) { writer.string(self) }
}

extension Double: SegmentMemberValue {
    func write(into writer: inout JSONWriter) { writer.number(self) }
}

extension Int: SegmentMemberValue {
    func write(into writer: inout JSONWriter) { writer.integer(self) }
}

extension Bool: SegmentMemberValue {
    func write(into writer: inout JSONWriter) { writer.bool(self) }
}

extension JSONValue: SegmentMemberValue {
    func write(into writer: inout JSONWriter) { writer.value(self) }
}
