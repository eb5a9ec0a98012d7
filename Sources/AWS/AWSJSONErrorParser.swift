import JSONCoding

/// Reads the error out of a JSON-protocol answer (`awsJson1_0`, `awsJson1_1`), as the Smithy protocol tests state:
///
/// - the type comes from the `X-Amzn-Errortype` header, else the body's `code`, else its `__type`;
/// - anything from the first `:` on is dropped (`FooError:http://internal.amazon.com/…`), then anything up to the
///   last `#` (`aws.protocoltests.restjson#FooError`);
/// - a service with the query-compatible trait (SQS) also sends `x-amzn-query-error: Code;Fault`, whose code wins,
///   so that the old query codes (`AWS.SimpleQueueService.NonExistentQueue`) stay what callers see;
/// - the message is the body's `message`, `Message` or `errorMessage`.
enum AWSJSONErrorParser {
    /// The error `response` (an answer with a status of 300 or more) states.
    static func error(in response: AWSHTTPResponse) -> AWSServiceError {
        let body = JSONValue(parsing: response.body)
        let requestID = response.value(of: "x-amzn-RequestId") ?? response.value(of: "x-amz-request-id")
        let type = [response.value(of: "X-Amzn-Errortype"), body?["code"]?.stringValue, body?["__type"]?.stringValue]
            .lazy.compactMap { $0.map(Self.sanitizedType) }.first { !$0.isEmpty }
        let queryCode = response.value(of: "x-amzn-query-error")
            .flatMap { $0.split(separator: ";", maxSplits: 1).first.map(String.init) }
            .flatMap { $0.isEmpty ? nil : $0 }
        let message =
            ["message", "Message", "errorMessage"].lazy.compactMap { body?[$0]?.stringValue }.first
            ?? "The service answered HTTP \(response.status)"
        return AWSServiceError(
            .service, code: queryCode ?? type ?? "HTTP\(response.status)", message: message, status: response.status,
            requestID: requestID, serverDate: response.value(of: "Date").flatMap(AWSTimestamp.init(httpDate:)),
            body: body)
    }

    /// `type` without what follows its first `:` and what precedes its last `#`.
    static func sanitizedType(_ type: String) -> String {
        var text = Substring(type)
        if let colon = text.firstIndex(of: ":") { text = text[..<colon] }
        if let hash = text.lastIndex(of: "#") { text = text[text.index(after: hash)...] }
        return text.trimmingWhitespace
    }
}
