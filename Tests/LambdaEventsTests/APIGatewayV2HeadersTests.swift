import Foundation
import LambdaEvents
import Testing

/// A request's headers read from an event stay in its text until asked for; looked up, changed, compared, iterated
/// and encoded they behave as the dictionary of names and values they stand for.
@Suite struct APIGatewayV2HeadersTests {
    /// The headers of a request read by the runtime from an event whose `headers` member is `headersJSON`.
    static func read(headersJSON: String) throws -> APIGatewayV2Request.Headers {
        let event = """
            {"version":"2.0","routeKey":"$default","rawPath":"/","headers":\(headersJSON),
             "requestContext":{"accountId":"1","apiId":"a","domainName":"d","domainPrefix":"d",
              "http":{"method":"GET","path":"/","protocol":"HTTP/1.1","sourceIp":"1.2.3.4","userAgent":""},
              "requestId":"r","routeKey":"$default","stage":"$default","time":"t","timeEpoch":0}}
            """
        return try APIGatewayV2Request(jsonBytes: Array(event.utf8)).headers
    }

    @Test func headersReadFromAnEventAreLookedUpByName() throws {
        let headers = try Self.read(
            headersJSON: #"{"accept":"*/*","x-correlation-id":"c-1","cookie-like":"a=b; c=d","accept":"text/html"}"#)
        #expect(headers["x-correlation-id"] == "c-1")
        #expect(headers["accept"] == "text/html", "a repeated name has its last value, as a dictionary would")
        #expect(headers["cookie-like"] == "a=b; c=d")
        #expect(headers["X-Correlation-Id"] == nil, "names are lower case, as API Gateway sends them")
        #expect(headers["authorization"] == nil)
        #expect(!headers.isEmpty)
        #expect(headers == ["accept": "text/html", "x-correlation-id": "c-1", "cookie-like": "a=b; c=d"])
    }

    @Test func escapedAndNonASCIIValuesReadAsTheirText() throws {
        let headers = try Self.read(headersJSON: #"{"x-quote":"say \"hi\"","x-name":"Zoë","x-tab":"a\tb"}"#)
        #expect(headers["x-quote"] == #"say "hi""#)
        #expect(headers["x-name"] == "Zoë")
        #expect(headers["x-tab"] == "a\tb")
    }

    @Test func changingAHeaderKeepsTheOthers() throws {
        var headers = try Self.read(headersJSON: #"{"accept":"*/*","x-api-key":"secret"}"#)
        headers["x-api-key"] = nil
        headers["content-type"] = "application/json"
        #expect(headers == ["accept": "*/*", "content-type": "application/json"])
        #expect(headers["x-api-key"] == nil)
    }

    @Test func iteratingGivesEachNameOnceWithItsValue() throws {
        let headers = try Self.read(headersJSON: #"{"a":"1","b":"2","a":"3"}"#)
        let pairs = headers.map { "\($0.key)=\($0.value)" }.sorted()
        #expect(pairs == ["a=3", "b=2"])
        #expect(try Self.read(headersJSON: "{}").isEmpty)
    }

    @Test func headersEncodeAsTheObjectTheyWereReadFrom() throws {
        let headers = try Self.read(headersJSON: #"{"accept":"*/*","x-correlation-id":"c-1"}"#)
        let encoded = try JSONEncoder().encode(headers)
        #expect(try JSONDecoder().decode([String: String].self, from: encoded) == headers.dictionary)
        #expect(try JSONDecoder().decode(APIGatewayV2Request.Headers.self, from: encoded) == headers)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(APIGatewayV2Request.Headers.self, from: Data(#"{"a":1}"#.utf8))
        }
    }
}
