import Testing

@testable import AWS

/// The request head both transports write: the request line, `Host` and `Content-Length` from the URL and the body,
/// the other headers as given, and no header that could end the head early.
struct AWSHTTPRequestTests {
    private let url = HTTPURL("https://dynamodb.eu-west-1.amazonaws.com/")!

    @Test func theHeadHasTheRequestLineTheHostAndTheBodysLengthInPlaceOfTheRequestsOwn() throws {
        let request = AWSHTTPRequest(
            method: "POST", url: self.url,
            headers: [("host", "elsewhere"), ("X-Amz-Target", "DynamoDB_20120810.GetItem"), ("Content-Length", "9")],
            body: Array("{}".utf8))
        #expect(
            String(decoding: try request.head(), as: UTF8.self)
                == "POST / HTTP/1.1\r\nHost: dynamodb.eu-west-1.amazonaws.com\r\n"
                + "X-Amz-Target: DynamoDB_20120810.GetItem\r\nContent-Length: 2\r\n\r\n")
    }

    /// Every position of a 41-byte value, so that the byte falls in each of the eight-byte words and in the tail.
    @Test(arguments: ["\r", "\n", "\0"])
    func aLineBreakOrNULAnywhereInAHeaderIsRefused(byte: String) throws {
        let clean = String(repeating: "t", count: 41)
        let accepted = AWSHTTPRequest(method: "GET", url: self.url, headers: [("X-Amz-Security-Token", clean)])
        #expect(throws: Never.self) { _ = try accepted.head() }
        for position in 0..<41 {
            var value = Array(clean.utf8)
            value[position] = byte.utf8.first!
            let request = AWSHTTPRequest(
                method: "GET", url: self.url,
                headers: [("X-Amz-Security-Token", String(decoding: value, as: UTF8.self))])
            let error = #expect(throws: AWSHTTPError.self, "at \(position)") { _ = try request.head() }
            #expect(error?.code == .invalidConfiguration)
        }
        let badName = AWSHTTPRequest(method: "GET", url: self.url, headers: [("X-Evil\(byte)Name", "v")])
        #expect(throws: AWSHTTPError.self) { _ = try badName.head() }
    }
}
