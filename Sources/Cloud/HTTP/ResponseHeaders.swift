import LambdaRuntime

/// The headers of an answer, in the order they were added, names compared without regard to case; a name may repeat.
/// A value's CR, LF and NUL bytes become spaces, so no value can end its header early.
///
/// The functions' own type rather than `HTTPTypes`' `HTTPFields`, for the reason ``RequestMethod`` gives.
public struct ResponseHeaders: Sendable, Equatable, Sequence, ExpressibleByDictionaryLiteral {
    /// A header name: an HTTP token, kept in lower case as HTTP/2 and API Gateway's events write names.
    public struct Name: Sendable, Hashable, CustomStringConvertible {
        /// The name in lower case, e.g. `retry-after`.
        public let canonicalName: String

        /// The header `name`; `nil` when it is not an HTTP token.
        public init?(_ name: String) {
            guard !name.isEmpty, name.utf8.allSatisfy(HTTPSyntax.isTokenByte) else { return nil }
            self.canonicalName = name.lowercased()
        }

        private init(known name: String) {
            self.canonicalName = name
        }

        /// The name in lower case.
        public var description: String { self.canonicalName }

        /// `allow`.
        public static let allow = Name(known: "allow")
        /// `content-type`.
        public static let contentType = Name(known: "content-type")
        /// `etag`.
        public static let eTag = Name(known: "etag")
        /// `location`.
        public static let location = Name(known: "location")
        /// `retry-after`.
        public static let retryAfter = Name(known: "retry-after")
        /// `www-authenticate`.
        public static let wwwAuthenticate = Name(known: "www-authenticate")
    }

    /// One header.
    public struct Field: Sendable, Equatable {
        /// The header's name.
        public let name: Name
        /// The header's value, without CR, LF or NUL.
        public let value: String

        /// The header `name: value`, with CR, LF and NUL in `value` replaced by spaces.
        public init(name: Name, value: String) {
            self.name = name
            let isUnsafe = { (byte: UInt8) in byte == 0x0D || byte == 0x0A || byte == 0x00 }
            self.value =
                value.utf8.contains(where: isUnsafe)
                ? String(decoding: value.utf8.map { isUnsafe($0) ? UInt8(ascii: " ") : $0 }, as: UTF8.self) : value
        }
    }

    private var fields: [Field]

    /// No headers.
    public init() {
        self.fields = []
    }

    /// The headers of a literal, in its order.
    public init(dictionaryLiteral elements: (Name, String)...) {
        self.fields = elements.map { Field(name: $0.0, value: $0.1) }
    }

    /// How many headers there are, repeats counted.
    public var count: Int { self.fields.count }

    /// The first value of `name`; setting replaces every header of that name (or removes them, with `nil`).
    public subscript(name: Name) -> String? {
        get { self.fields.first { $0.name == name }?.value }
        set {
            self.fields.removeAll { $0.name == name }
            if let newValue { self.fields.append(Field(name: name, value: newValue)) }
        }
    }

    /// Adds a header, after any of the same name.
    public mutating func append(_ value: String, for name: Name) {
        self.fields.append(Field(name: name, value: value))
    }

    /// The headers in order.
    public func makeIterator() -> IndexingIterator<[Field]> {
        self.fields.makeIterator()
    }
}
