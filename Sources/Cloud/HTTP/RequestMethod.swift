import LambdaRuntime

/// An HTTP request method (RFC 9110 §9), case-sensitive as the RFC has it: `GET` and `get` differ, and
/// ``init(folding:)`` upper-cases a method as API Gateway matches routes.
///
/// The functions' own type rather than `HTTPTypes`' `HTTPRequest.Method`, which the Lambda binary does not link:
/// `HTTPTypes`, built with its default traits for Hummingbird, pulls in Foundation's URL and with it about 2 MB of the
/// zipped `bootstrap`. The local gateway converts at its edge.
public struct RequestMethod: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
    /// The method's token, e.g. `GET`.
    public let rawValue: String

    /// The method named `rawValue`; `nil` when it is not an HTTP token (RFC 9110 §5.6.2).
    public init?(rawValue: String) {
        var bytes = rawValue
        guard bytes.withUTF8({ !$0.isEmpty && $0.allSatisfy(HTTPSyntax.isTokenByte) }) else { return nil }
        self.rawValue = rawValue
    }

    /// The method named `name`; `nil` when it is not an HTTP token.
    public init?(_ name: String) {
        self.init(rawValue: name)
    }

    /// `method` in upper case, as API Gateway matches routes (`get` is `GET`), folded without allocating when it
    /// already is; `nil` when it is not an HTTP method token.
    public init?(folding method: String) {
        let isUpperCase = !method.utf8.contains { $0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z") }
        self.init(rawValue: isUpperCase ? method : method.uppercased())
    }

    /// The method in upper case, as API Gateway matches routes.
    public var folded: RequestMethod {
        Self(folding: self.rawValue) ?? self
    }

    /// The method's token.
    public var description: String { self.rawValue }

    /// `GET`.
    public static let get = RequestMethod(known: "GET")
    /// `HEAD`.
    public static let head = RequestMethod(known: "HEAD")
    /// `POST`.
    public static let post = RequestMethod(known: "POST")
    /// `PUT`.
    public static let put = RequestMethod(known: "PUT")
    /// `DELETE`.
    public static let delete = RequestMethod(known: "DELETE")
    /// `CONNECT`.
    public static let connect = RequestMethod(known: "CONNECT")
    /// `OPTIONS`.
    public static let options = RequestMethod(known: "OPTIONS")
    /// `TRACE`.
    public static let trace = RequestMethod(known: "TRACE")
    /// `PATCH`.
    public static let patch = RequestMethod(known: "PATCH")

    private init(known name: String) {
        self.rawValue = name
    }
}
