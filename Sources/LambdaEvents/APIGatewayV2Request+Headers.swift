extension APIGatewayV2Request {
    /// The request's headers: names lower-cased, as API Gateway sends them, the values of a repeated header joined
    /// with commas. Looked up by name as in a dictionary (`headers["x-correlation-id"]`), and iterated as one.
    ///
    /// Read by the runtime from an event, the headers stay in the event's text: a lookup compares the names in the
    /// text with the one asked for and makes a string of the value it finds, so an invocation pays for the headers
    /// it reads rather than a string for every name and value and a hash of every name (a fifth of `health`'s warm
    /// invocation went to its request's headers). A header with an escape or a byte beyond ASCII in its JSON text
    /// makes them all read into a dictionary instead.
    public struct Headers: Sendable, Equatable, Codable, ExpressibleByDictionaryLiteral, Sequence {
        private var storage: JSONStringMap

        /// Headers with these names (lower case) and values.
        public init(_ dictionary: [String: String] = [:]) {
            self.storage = .dictionary(dictionary)
        }

        /// Headers as a read of an event's JSON left them.
        package init(_ storage: JSONStringMap) {
            self.storage = storage
        }

        /// Headers with these names and values; a repeated name is a programming error, as in a dictionary literal.
        public init(dictionaryLiteral elements: (String, String)...) {
            self.init(Dictionary(uniqueKeysWithValues: elements))
        }

        /// The value of the header `name` (lower case); `nil` when the request does not have it. Setting `nil`
        /// removes the header.
        public subscript(name: String) -> String? {
            get { self.storage.value(forKey: name) }
            set {
                var dictionary = self.dictionary
                dictionary[name] = newValue
                self.storage = .dictionary(dictionary)
            }
        }

        /// Every header in a dictionary keyed by name.
        public var dictionary: [String: String] { self.storage.dictionary }

        /// Whether the request has no header.
        public var isEmpty: Bool { self.storage.isEmpty }

        /// The headers as name–value pairs, in no particular order, each name once.
        public func makeIterator() -> [String: String].Iterator {
            self.dictionary.makeIterator()
        }

        /// Whether both have the same names with the same values.
        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.dictionary == rhs.dictionary
        }

        /// Decodes a JSON object of strings.
        ///
        /// - Throws: `DecodingError` when the value is not an object of strings.
        public init(from decoder: any Decoder) throws {
            self.init(try decoder.singleValueContainer().decode([String: String].self))
        }

        /// Encodes the headers as a JSON object of strings.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(self.dictionary)
        }
    }
}
