import Cloud
import Testing

/// The functions' own HTTP types: names and methods are tokens, and no header value can end its line early.
@Suite struct ResponseHeadersTests {
    @Test func namesAreCaseInsensitiveAndSettingReplacesEveryField() {
        var headers: ResponseHeaders = [.location: "/a", .eTag: "\"1\""]
        headers.append("/b", for: .location)
        #expect(headers.count == 3)
        let shouted = "LOCATION"
        #expect(headers[ResponseHeaders.Name(shouted)!] == "/a")
        headers[.location] = "/c"
        #expect(headers.map(\.value) == ["\"1\"", "/c"])
        #expect(headers.map(\.name.canonicalName) == ["etag", "location"])
        headers[.eTag] = nil
        #expect(headers.count == 1)
    }

    @Test func aValueCannotInjectAHeader() {
        let headers: ResponseHeaders = [.location: "/x\r\nSet-Cookie: a=b\0"]
        #expect(headers[.location] == "/x  Set-Cookie: a=b ")
    }

    @Test func namesAndMethodsMustBeTokens() {
        #expect(ResponseHeaders.Name("x-request-id") != nil)
        #expect(ResponseHeaders.Name("bad name") == nil && ResponseHeaders.Name("") == nil)
        #expect(ResponseHeaders.Name("a:b") == nil && ResponseHeaders.Name("é") == nil)
        #expect(RequestMethod("PROPFIND") != nil && RequestMethod("GET /") == nil && RequestMethod("") == nil)
    }

    @Test func statusesCompareByCodeAndCarryTheirPhrase() {
        let literal: ResponseStatus = 404
        #expect(literal == .notFound && literal.reasonPhrase == "Not Found")
        #expect(ResponseStatus(code: 404, reasonPhrase: "Gone Fishing") == .notFound)
        #expect(
            ResponseStatus(code: 299).reasonPhrase == ""
                && ResponseStatus.tooManyRequests.description == "429 Too Many Requests")
    }
}
