import Testing

@testable import AWS

/// The error type rules of the JSON protocols, one row per rule.
struct AWSJSONErrorParserTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let rule: String
        let headers: [(name: String, value: String)]
        let body: String
        let code: String
        let message: String

        var testDescription: String { self.rule }
    }

    static let rows: [Row] = [
        Row(
            rule: "__type alone", headers: [], body: #"{"__type":"ResourceNotFoundException","message":"gone"}"#,
            code: "ResourceNotFoundException", message: "gone"),
        Row(
            rule: "the namespace before # is dropped", headers: [],
            body: #"{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","Message":"no"}"#,
            code: "ConditionalCheckFailedException", message: "no"),
        Row(
            rule: "what follows : is dropped", headers: [],
            body: #"{"__type":"FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"}"#,
            code: "FooError", message: "The service answered HTTP 400"),
        Row(
            rule: "namespace and : suffix together", headers: [],
            body: #"{"__type":"aws.protocoltests.restjson#FooError:http://internal.amazon.com/"}"#,
            code: "FooError", message: "The service answered HTTP 400"),
        Row(
            rule: "code wins over __type", headers: [],
            body: #"{"code":"aws.protocoltests#FromCode","__type":"FromType","errorMessage":"m"}"#,
            code: "FromCode", message: "m"),
        Row(
            rule: "X-Amzn-Errortype wins over the body", headers: [("X-Amzn-Errortype", "FromHeader:http://x/")],
            body: #"{"__type":"FromBody"}"#, code: "FromHeader", message: "The service answered HTTP 400"),
        Row(
            rule: "SQS's x-amzn-query-error code wins over the JSON type",
            headers: [("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")],
            body: #"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}"#,
            code: "AWS.SimpleQueueService.NonExistentQueue", message: "The specified queue does not exist."),
        Row(
            rule: "no type anywhere gives the status", headers: [], body: "<html>bad gateway</html>",
            code: "HTTP400", message: "The service answered HTTP 400"),
    ]

    @Test(arguments: rows)
    func readsTheErrorType(_ row: Row) {
        let response = AWSHTTPResponse(
            status: 400, headers: row.headers + [("x-amzn-RequestId", "req-1")], body: Array(row.body.utf8))
        let error = AWSJSONErrorParser.error(in: response)
        #expect(error.kind == .service)
        #expect(error.code == row.code)
        #expect(error.message == row.message)
        #expect(error.status == 400)
        #expect(error.requestID == "req-1")
    }

    @Test func readsTheServersDate() {
        let response = AWSHTTPResponse(
            status: 403, headers: [("Date", "Wed, 02 Dec 2026 14:54:07 GMT")],
            body: Array(#"{"__type":"InvalidSignatureException"}"#.utf8))
        #expect(AWSJSONErrorParser.error(in: response).serverDate == AWSTimestamp(iso8601: "2026-12-02T14:54:07Z"))
        #expect(AWSTimestamp(httpDate: "Wed, 02 Dec 2026 14:54:07 UTC") == nil)
        #expect(
            AWSTimestamp(httpDate: "Thu, 29 Feb 2024 23:59:59 GMT") == AWSTimestamp(iso8601: "2024-02-29T23:59:59Z"))
    }
}
