public import LambdaEvents

/// An X-Ray segment or subsegment document, as the daemon receives it and `PutTraceSegments` uploads it.
///
/// A segment stands for a service's work on a request; subsegments for the calls it made, nested in
/// ``subsegments`` or sent on their own (``type`` `"subsegment"`, with ``traceID`` and ``parentID``).
public struct SegmentDocument: Codable, Sendable, Equatable {
    /// The service or operation the document stands for; characters X-Ray refuses are replaced and it is cut to 200.
    public var name: String
    /// 16 hex digits, unique within the trace.
    public var id: String
    /// Set on segments and on subsegments sent on their own.
    public var traceID: String?
    /// The id of the parent segment or subsegment, 16 hex digits; `nil` on a segment that starts the trace.
    public var parentID: String?
    /// `"subsegment"` for a subsegment sent on its own.
    public var type: String?
    /// Epoch seconds.
    public var startTime: Double
    /// When the work ended, in epoch seconds; `nil` while it is in progress.
    public var endTime: Double?
    /// `true` on a document sent before the work ended, instead of ``endTime``.
    public var inProgress: Bool?
    /// `aws` for AWS calls, `remote` for other downstream calls.
    public var namespace: String?
    /// The kind of service, such as `AWS::Lambda::Function`.
    public var origin: String?
    /// The HTTP request and response the work served or made.
    public var http: HTTPBlock?
    /// AWS-specific facts, such as the function's `function_arn` or an SDK call's `operation` and `region`.
    public var aws: [String: JSONValue]?
    /// Indexed values: strings, numbers and booleans.
    public var annotations: [String: JSONValue]?
    /// Any JSON, by namespace.
    public var metadata: [String: [String: JSONValue]]?
    /// A client error (4xx).
    public var error: Bool?
    /// Throttled (429).
    public var throttle: Bool?
    /// A server error (5xx).
    public var fault: Bool?
    /// The exceptions that made the work fail; set with ``error`` or ``fault``.
    public var cause: Cause?
    /// Subsegments embedded in this document, for the calls the work made.
    public var subsegments: [SegmentDocument]?

    /// Creates an open document; `startTime` is in epoch seconds and `name` is made acceptable to X-Ray.
    public init(name: String, id: String, traceID: String? = nil, parentID: String? = nil, startTime: Double) {
        self.name = Self.acceptableName(name)
        self.id = id
        self.traceID = traceID
        self.parentID = parentID
        self.startTime = startTime
    }

    /// The `http` block: what was asked and what came back.
    public struct HTTPBlock: Codable, Sendable, Equatable {
        /// The request as received or sent.
        public var request: Request?
        /// The response as sent or received.
        public var response: Response?

        /// Creates an `http` block.
        public init(request: Request? = nil, response: Response? = nil) {
            self.request = request
            self.response = response
        }

        /// The `http.request` part of a document.
        public struct Request: Codable, Sendable, Equatable {
            /// The HTTP method, e.g. `GET`.
            public var method: String?
            /// The full URL of the request.
            public var url: String?
            /// The caller's `User-Agent` (`user_agent`).
            public var userAgent: String?
            /// The caller's IP address (`client_ip`).
            public var clientIP: String?
            /// On subsegments: whether the callee continues the trace.
            public var traced: Bool?

            /// Creates a request record; every field is optional.
            public init(
                method: String? = nil, url: String? = nil, userAgent: String? = nil, clientIP: String? = nil,
                traced: Bool? = nil
            ) {
                self.method = method
                self.url = url
                self.userAgent = userAgent
                self.clientIP = clientIP
                self.traced = traced
            }

            enum CodingKeys: String, CodingKey {
                case method, url, traced
                case userAgent = "user_agent"
                case clientIP = "client_ip"
            }
        }

        /// The `http.response` part of a document.
        public struct Response: Codable, Sendable, Equatable {
            /// The HTTP status code.
            public var status: Int?
            /// The length of the response body in bytes (`content_length`).
            public var contentLength: Int?

            /// Creates a response record; every field is optional.
            public init(status: Int? = nil, contentLength: Int? = nil) {
                self.status = status
                self.contentLength = contentLength
            }

            enum CodingKeys: String, CodingKey {
                case status
                case contentLength = "content_length"
            }
        }
    }

    /// Why the work failed: the errors it saw.
    public struct Cause: Codable, Sendable, Equatable {
        /// The errors seen, first the one that ended the work.
        public var exceptions: [Exception]

        /// Creates a cause from its exceptions.
        public init(exceptions: [Exception]) {
            self.exceptions = exceptions
        }

        /// Reads either form X-Ray accepts: the object, or the id of an exception recorded in another subsegment
        /// (read as no exceptions of its own).
        public init(from decoder: any Decoder) throws {
            if (try? decoder.singleValueContainer().decode(String.self)) != nil {
                self.exceptions = []
                return
            }
            let container = try decoder.container(keyedBy: CodingKeys.self)
            self.exceptions = (try? container.decodeIfPresent([Exception].self, forKey: .exceptions)) ?? []
        }

        enum CodingKeys: String, CodingKey {
            case exceptions
        }

        /// One error the work saw.
        public struct Exception: Codable, Sendable, Equatable {
            /// 16 hex digits.
            public var id: String
            /// What the error said.
            public var message: String?
            /// The error's type name.
            public var type: String?
            /// `true` when the error came from a downstream service the work called.
            public var remote: Bool?

            /// Creates an exception record; `id` is 16 hex digits.
            public init(id: String, message: String?, type: String?, remote: Bool? = nil) {
                self.id = id
                self.message = message
                self.type = type
                self.remote = remote
            }
        }
    }

    /// Marks the outcome by an HTTP status, as X-Ray reads one: 4xx an error, 429 also a throttle, 5xx a fault.
    public mutating func flagOutcome(status: Int) {
        if (400..<500).contains(status) { self.error = true }
        if status == 429 { self.throttle = true }
        if status >= 500 { self.fault = true }
    }

    /// The longest name X-Ray keeps.
    public static let maximumNameLength = 200

    /// `name` in the characters X-Ray accepts (Unicode letters and digits, whitespace and `_ . : / % & # = + \ - @`),
    /// others replaced by `_`, cut to ``maximumNameLength``.
    public static func acceptableName(_ name: String) -> String {
        // Nearly every name (a function's, a service's) is short ASCII that needs no change: it is answered from its
        // contiguous bytes, without building a Character or asking Unicode about it.
        var bytes = name
        let isAcceptableAsItIs = bytes.withUTF8 { bytes in
            !bytes.isEmpty && bytes.count <= Self.maximumNameLength && bytes.allSatisfy(Self.isAcceptableASCII)
        }
        if isAcceptableAsItIs { return name }
        var result = ""
        for character in name.prefix(Self.maximumNameLength) {
            result.append(
                character.isLetter || character.isNumber || character.isWhitespace
                    || Self.acceptablePunctuation.contains(character) ? character : "_")
        }
        return result.isEmpty ? "_" : result
    }

    /// The punctuation X-Ray accepts in a name.
    private static let acceptablePunctuation = Set("_.:/%&#=+\\-@")

    /// Whether `byte` is an ASCII character X-Ray accepts in a name: a letter, a digit, whitespace or
    /// ``acceptablePunctuation``.
    private static func isAcceptableASCII(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), 0x09...0x0D, UInt8(ascii: " "):
            true
        case UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "/"), UInt8(ascii: "%"),
            UInt8(ascii: "&"), UInt8(ascii: "#"), UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "\\"),
            UInt8(ascii: "-"), UInt8(ascii: "@"):
            true
        default:
            false
        }
    }

    enum CodingKeys: String, CodingKey {
        case name, id, type, namespace, origin, http, aws, annotations, metadata, error, throttle, fault, cause,
            subsegments
        case traceID = "trace_id"
        case parentID = "parent_id"
        case startTime = "start_time"
        case endTime = "end_time"
        case inProgress = "in_progress"
    }
}
