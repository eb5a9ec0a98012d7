import AWS
import Testing

@Suite("HTTP URLs")
struct HTTPURLTests {
    @Test func aServiceEndpointUsesTLSOnPort443WithTheRootAsItsTarget() throws {
        let url = try #require(HTTPURL("https://dynamodb.eu-west-1.amazonaws.com"))
        #expect(url.isSecure)
        #expect(url.host == "dynamodb.eu-west-1.amazonaws.com")
        #expect(url.port == 443)
        #expect(url.target == "/")
        #expect(url.hostHeader == "dynamodb.eu-west-1.amazonaws.com")
    }

    @Test func aPortAPathAndAQueryAreKept() throws {
        let url = try #require(HTTPURL("http://127.0.0.1:5055/2018-06-01/runtime?x=1"))
        #expect(!url.isSecure)
        #expect(url.host == "127.0.0.1")
        #expect(url.port == 5055)
        #expect(url.target == "/2018-06-01/runtime?x=1")
        #expect(url.hostHeader == "127.0.0.1:5055")
        #expect(try #require(HTTPURL("http://localhost?a=b")).target == "/?a=b")
    }

    @Test func theSchemeMatchesInAnyLetterCase() throws {
        #expect(try #require(HTTPURL("HTTPS://Example.com/")).isSecure)
        #expect(try #require(HTTPURL("Http://example.com:80/")).hostHeader == "example.com")
    }

    @Test func anIPv6AddressLosesItsBracketsAndRegainsThemInTheHostHeader() throws {
        let url = try #require(HTTPURL("http://[fd00:ec2::254]/latest/api/token"))
        #expect(url.host == "fd00:ec2::254")
        #expect(url.port == 80)
        #expect(url.hostHeader == "[fd00:ec2::254]")
        let withPort = try #require(HTTPURL("http://[::1]:8080"))
        #expect(withPort.port == 8080)
        #expect(withPort.hostHeader == "[::1]:8080")
    }

    @Test func aNonASCIIPathIsKeptAsItIs() throws {
        #expect(try #require(HTTPURL("https://example.com/café?q=é")).target == "/café?q=é")
    }

    @Test(arguments: [
        "ftp://example.com", "example.com", "https://", "https:///path", "http://user@example.com/",
        "http://example.com:0/", "http://example.com:65536/", "http://example.com:+80/", "http://example.com:8o/",
        "http://example.com:/", "http://example.com:123456/", "http://[::1]x/", "http://exa mple.com/",
        "http://example.com/\u{7F}", "https//example.com",
    ])
    func whatIsNotAnHTTPURLWithAHostIsRefused(_ text: String) {
        #expect(HTTPURL(text) == nil)
    }

    @Test func anOverlongURLIsRefused() {
        #expect(HTTPURL("https://example.com/" + String(repeating: "a", count: 2048)) == nil)
    }
}
