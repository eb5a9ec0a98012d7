public import Cloud
public import HTTPTypes

// The local gateway speaks Hummingbird's `HTTPTypes`; the functions' routes and errors use `Cloud`'s own HTTP types,
// which the Lambda binary links instead (see `RequestMethod`). These convert at the gateway's edge.

extension HTTPRequest.Method {
    /// The method as the functions' routes name it.
    public var requestMethod: RequestMethod {
        // Both types hold an HTTP token, so the conversion cannot fail.
        RequestMethod(rawValue: self.rawValue)!
    }
}

extension HTTPResponse.Status {
    /// The status `status`, with its code and phrase.
    public init(_ status: ResponseStatus) {
        self.init(code: status.code, reasonPhrase: status.reasonPhrase)
    }
}

extension HTTPFields {
    /// The fields of `headers`, in their order, names in lower case.
    public init(_ headers: ResponseHeaders) {
        self.init()
        self.reserveCapacity(headers.count)
        for field in headers {
            // Both types hold a header name as an HTTP token, so the conversion cannot fail.
            self.append(HTTPField(name: HTTPField.Name(field.name.canonicalName)!, value: field.value))
        }
    }
}
