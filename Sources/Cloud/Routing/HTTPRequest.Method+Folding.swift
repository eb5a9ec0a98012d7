public import HTTPTypes

extension HTTPRequest.Method {
    /// `method` in upper case, as API Gateway matches routes (`get` is `GET`), folded without allocating when it
    /// already is; `nil` when it is not an HTTP method token.
    public init?(folding method: String) {
        let isUpperCase = !method.utf8.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        self.init(isUpperCase ? method : method.uppercased())
    }

    /// The method in upper case, as API Gateway matches routes.
    public var folded: HTTPRequest.Method {
        Self(folding: self.rawValue) ?? self
    }
}
