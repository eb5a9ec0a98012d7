import Cloud
import JSONCoding
import LocalCloud
import StratusTesting
import Testing

/// The AWS JSON protocol endpoint's framing: signatures, targets, bodies and AWS's error shapes, on local queues.
@Suite("AWS JSON protocol endpoint")
struct AWSJSONEndpointTests {
    static let signature =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-1/sqs/aws4_request, "
        + "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=" + String(repeating: "0f", count: 32)

    /// An endpoint answering SQS (on queues in `directory`) and EventBridge.
    static func endpoint(in directory: TemporaryDirectory) throws -> AWSJSONEndpoint {
        let queues = try SQLiteMessageQueue(path: directory.path("queues.sqlite"))
        return AWSJSONEndpoint(services: [.sqs(queues: queues), .eventBridge()])
    }

    /// The answer to `body` for `target`, and its body's members.
    static func call(
        _ endpoint: AWSJSONEndpoint, _ target: String?, _ body: String?, authorization: String? = signature,
        host: String? = "127.0.0.1:3000"
    ) async -> (AWSJSONResponse, [String: JSONValue]) {
        let answer = await endpoint.answer(
            target: target, authorization: authorization, host: host, body: body.map { Array($0.utf8) })
        return (answer, JSONValue(parsing: answer.body)?.objectValue ?? [:])
    }

    @Test func aQueueURLNamesTheHostReachedAndItsARNTheSignaturesRegion() async throws {
        let directory = try TemporaryDirectory()
        let endpoint = try Self.endpoint(in: directory)
        let (created, output) = await Self.call(endpoint, "AmazonSQS.CreateQueue", #"{"QueueName":"jobs"}"#)
        #expect(created.status == 200)
        #expect(created.contentType == "application/x-amz-json-1.0")
        #expect(output["QueueUrl"] == "http://127.0.0.1:3000/_aws/123456789012/jobs")
        let (_, attributes) = await Self.call(
            endpoint, "AmazonSQS.GetQueueAttributes",
            #"{"QueueUrl":"http://elsewhere/_aws/123456789012/jobs","AttributeNames":["QueueArn"]}"#)
        #expect(attributes["Attributes"]?["QueueArn"] == "arn:aws:sqs:eu-west-1:123456789012:jobs")
        let (_, odd) = await Self.call(
            endpoint, "AmazonSQS.GetQueueUrl", #"{"QueueName":"jobs"}"#, host: "evil.example/path?x=")
        #expect(odd["QueueUrl"] == "http://localhost/_aws/123456789012/jobs", "a Host that is not a host is not echoed")
    }

    @Test func anUnsignedRequestIsRefusedAndAnySignatureIsAccepted() async throws {
        let directory = try TemporaryDirectory()
        let endpoint = try Self.endpoint(in: directory)
        let (unsigned, missing) = await Self.call(endpoint, "AmazonSQS.ListQueues", "{}", authorization: nil)
        #expect(unsigned.status == 403)
        #expect(missing["__type"] == "com.amazon.coral.service#MissingAuthenticationTokenException")
        for malformed in [
            "Bearer token",
            "AWS4-HMAC-SHA256 Credential=AKID/2026/eu-west-1/sqs/aws4_request, SignedHeaders=host, Signature=00",
            "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=" + String(repeating: "a", count: 64),
        ] {
            let (answer, error) = await Self.call(endpoint, "AmazonSQS.ListQueues", "{}", authorization: malformed)
            #expect(answer.status == 400, "\(malformed)")
            #expect(error["__type"] == "com.amazon.coral.service#IncompleteSignatureException")
        }
        let (listed, _) = await Self.call(endpoint, "AmazonSQS.ListQueues", "{}")
        #expect(listed.status == 200)
    }

    @Test(arguments: ["AmazonSQS.AddPermission", "AWSEvents.PutEvents", "DynamoDB_20120810.GetItem", "ListQueues", ""])
    func anOperationNotAnsweredIsAnUnknownOperation(_ target: String) async throws {
        let directory = try TemporaryDirectory()
        let (answer, error) = await Self.call(try Self.endpoint(in: directory), target, "{}")
        #expect(answer.status == 400)
        #expect(error["__type"] == "com.amazon.coral.service#UnknownOperationException")
        #expect(answer.queryError == nil)
    }

    @Test func aBodyTooLargeNotJSONOrTooDeepIsRefusedUnread() async throws {
        let directory = try TemporaryDirectory()
        let endpoint = try Self.endpoint(in: directory)
        let (tooLarge, large) = await Self.call(endpoint, "AmazonSQS.ListQueues", nil)
        #expect(tooLarge.status == 413)
        #expect(large["__type"] == "com.amazon.coral.service#RequestEntityTooLargeException")
        let deep = String(repeating: #"{"a":"#, count: 40) + "1" + String(repeating: "}", count: 40)
        for body in ["{", "[]", "\"text\"", deep, ""] {
            let (answer, error) = await Self.call(endpoint, "AmazonSQS.ListQueues", body)
            #expect(answer.status == 400, "\(body.prefix(20))")
            #expect(error["__type"] == "com.amazon.coral.service#SerializationException")
        }
    }

    @Test func missingAndMistypedMembersAreSQSsParameterErrors() async throws {
        let directory = try TemporaryDirectory()
        let endpoint = try Self.endpoint(in: directory)
        let (missing, missingError) = await Self.call(endpoint, "AmazonSQS.CreateQueue", "{}")
        #expect(missing.status == 400)
        #expect(missingError["__type"] == "com.amazonaws.sqs#MissingParameter")
        #expect(missing.queryError == "MissingParameter;Sender")
        #expect(missingError["message"]?.stringValue?.contains("QueueName") == true)
        _ = await Self.call(endpoint, "AmazonSQS.CreateQueue", #"{"QueueName":"jobs"}"#)
        let url = #""QueueUrl":"http://127.0.0.1:3000/_aws/123456789012/jobs""#
        for body in [
            #"{"QueueName":5}"#, #"{"QueueName":"jobs","Attributes":["VisibilityTimeout"]}"#,
        ] {
            let (answer, error) = await Self.call(endpoint, "AmazonSQS.CreateQueue", body)
            #expect(answer.queryError == "InvalidParameterValue;Sender", "\(body)")
            #expect(error["__type"] == "com.amazonaws.sqs#InvalidParameterValue")
        }
        for body in [
            "{\(url),\"MaxNumberOfMessages\":11}", "{\(url),\"MaxNumberOfMessages\":\"1\"}",
            "{\(url),\"WaitTimeSeconds\":2.5}",
        ] {
            let (answer, error) = await Self.call(endpoint, "AmazonSQS.ReceiveMessage", body)
            #expect(answer.status == 400, "\(body)")
            #expect(error["__type"] == "com.amazonaws.sqs#InvalidParameterValue", "\(body)")
        }
        for (operation, body, type) in [
            ("AmazonSQS.TagQueue", "{\(url)}", "MissingParameter"),
            ("AmazonSQS.TagQueue", "{\(url),\"Tags\":{\"k\":1}}", "InvalidParameterValue"),
            ("AmazonSQS.UntagQueue", "{\(url)}", "MissingParameter"),
            ("AmazonSQS.UntagQueue", "{\(url),\"TagKeys\":\"k\"}", "InvalidParameterValue"),
            ("AmazonSQS.CreateQueue", #"{"QueueName":"jobs","tags":{"":"v"}}"#, "InvalidParameterValue"),
            ("AmazonSQS.ListDeadLetterSourceQueues", "{\(url),\"MaxResults\":0}", "InvalidParameterValue"),
            ("AmazonSQS.ListMessageMoveTasks", "{}", "MissingParameter"),
            ("AmazonSQS.ListMessageMoveTasks", #"{"SourceArn":"not-an-arn"}"#, "InvalidParameterValue"),
        ] {
            let (answer, error) = await Self.call(endpoint, operation, body)
            #expect(answer.status == 400, "\(operation) \(body)")
            #expect(error["__type"] == .string("com.amazonaws.sqs#\(type)"), "\(operation) \(body)")
        }
        let fiftyOne = (0..<51).map { #""k\#($0)":"v""# }.joined(separator: ",")
        let (crowded, crowdedError) = await Self.call(
            endpoint, "AmazonSQS.CreateQueue", #"{"QueueName":"crowded","tags":{\#(fiftyOne)}}"#)
        #expect(crowded.status == 400)
        #expect(crowdedError["__type"] == "com.amazonaws.sqs#InvalidParameterValue")
        let (_, notMade) = await Self.call(endpoint, "AmazonSQS.GetQueueUrl", #"{"QueueName":"crowded"}"#)
        #expect(notMade["__type"] == "com.amazonaws.sqs#QueueDoesNotExist", "a refused CreateQueue makes no queue")
        let entries = (0..<101).map { #"{"Id":"e\#($0)","MessageBody":"x"}"# }.joined(separator: ",")
        let (tooMany, tooManyError) = await Self.call(
            endpoint, "AmazonSQS.SendMessageBatch", "{\(url),\"Entries\":[\(entries)]}")
        #expect(tooMany.status == 400)
        #expect(
            tooManyError["__type"] == "com.amazonaws.sqs#InvalidParameterValue", "a list is bounded before it is read")
    }

    @Test func aMissingQueueAnswersSQSsShapeAndQueryCode() async throws {
        let directory = try TemporaryDirectory()
        let (answer, error) = await Self.call(
            try Self.endpoint(in: directory), "AmazonSQS.SendMessage",
            #"{"QueueUrl":"http://127.0.0.1:3000/_aws/123456789012/nowhere","MessageBody":"hi"}"#)
        #expect(answer.status == 400)
        #expect(error["__type"] == "com.amazonaws.sqs#QueueDoesNotExist")
        #expect(answer.queryError == "AWS.SimpleQueueService.NonExistentQueue;Sender")
        let (unaddressed, addressError) = await Self.call(
            try Self.endpoint(in: directory), "AmazonSQS.PurgeQueue", #"{"QueueUrl":"jobs"}"#)
        #expect(unaddressed.status == 400)
        #expect(addressError["__type"] == "com.amazonaws.sqs#InvalidAddress")
    }

    /// The queues a dead-letter queue serves, found by their redrive policies, a page at a time.
    @Test func deadLetterSourceQueuesAreListedByTheirRedrivePolicies() async throws {
        let directory = try TemporaryDirectory()
        let endpoint = try Self.endpoint(in: directory)
        let url = { (name: String) in "http://127.0.0.1:3000/_aws/\(LocalAccount.id)/\(name)" }
        _ = await Self.call(endpoint, "AmazonSQS.CreateQueue", #"{"QueueName":"jobs-dlq"}"#)
        for name in ["jobs-b", "jobs-a", "other"] {
            let policy =
                name == "other"
                ? "{}"
                : #"{"RedrivePolicy":"{\"deadLetterTargetArn\":\"arn:aws:sqs:eu-west-1:\#(LocalAccount.id):jobs-dlq\",\"maxReceiveCount\":\"3\"}"}"#
            let (created, _) = await Self.call(
                endpoint, "AmazonSQS.CreateQueue", #"{"QueueName":"\#(name)","Attributes":\#(policy)}"#)
            #expect(created.status == 200)
        }
        let (_, all) = await Self.call(
            endpoint, "AmazonSQS.ListDeadLetterSourceQueues", #"{"QueueUrl":"\#(url("jobs-dlq"))"}"#)
        #expect(all == ["queueUrls": [.string(url("jobs-a")), .string(url("jobs-b"))]])
        let (_, first) = await Self.call(
            endpoint, "AmazonSQS.ListDeadLetterSourceQueues", #"{"QueueUrl":"\#(url("jobs-dlq"))","MaxResults":1}"#)
        #expect(first == ["queueUrls": [.string(url("jobs-a"))], "NextToken": "jobs-a"])
        let (_, second) = await Self.call(
            endpoint, "AmazonSQS.ListDeadLetterSourceQueues",
            #"{"QueueUrl":"\#(url("jobs-dlq"))","MaxResults":1,"NextToken":"jobs-a"}"#)
        #expect(second == ["queueUrls": [.string(url("jobs-b"))]])
        let (missing, error) = await Self.call(
            endpoint, "AmazonSQS.ListDeadLetterSourceQueues", #"{"QueueUrl":"\#(url("nowhere"))"}"#)
        #expect(missing.status == 400)
        #expect(error["__type"] == "com.amazonaws.sqs#QueueDoesNotExist")
    }

    /// Each move task is listed once it ran, the most recent first, the latest ten of a queue kept.
    @Test func messageMoveTasksAreListedMostRecentFirst() async throws {
        let directory = try TemporaryDirectory()
        let endpoint = try Self.endpoint(in: directory)
        let dead = "arn:aws:sqs:eu-west-1:\(LocalAccount.id):jobs-dlq"
        _ = await Self.call(endpoint, "AmazonSQS.CreateQueue", #"{"QueueName":"jobs-dlq"}"#)
        _ = await Self.call(
            endpoint, "AmazonSQS.CreateQueue",
            #"{"QueueName":"jobs","Attributes":{"RedrivePolicy":"{\"deadLetterTargetArn\":\"\#(dead)\",\"maxReceiveCount\":\"3\"}"}}"#
        )
        let (_, none) = await Self.call(endpoint, "AmazonSQS.ListMessageMoveTasks", #"{"SourceArn":"\#(dead)"}"#)
        #expect(none == ["Results": []])
        var handles: [String] = []
        for rate in 1...11 {
            let (_, started) = await Self.call(
                endpoint, "AmazonSQS.StartMessageMoveTask",
                #"{"SourceArn":"\#(dead)","DestinationArn":"arn:aws:sqs:eu-west-1:1:jobs","MaxNumberOfMessagesPerSecond":\#(rate)}"#
            )
            handles.append(try #require(started["TaskHandle"]?.stringValue))
        }
        #expect(Set(handles).count == 11)
        let (_, latest) = await Self.call(endpoint, "AmazonSQS.ListMessageMoveTasks", #"{"SourceArn":"\#(dead)"}"#)
        let first = try #require(latest["Results"]?.arrayValue?.first)
        #expect(latest["Results"]?.arrayValue?.count == 1)
        #expect(first["Status"] == "COMPLETED")
        #expect(first["MaxNumberOfMessagesPerSecond"] == 11)
        #expect(first["DestinationArn"] == "arn:aws:sqs:eu-west-1:1:jobs")
        #expect(first["ApproximateNumberOfMessagesMoved"] == 0)
        #expect(first["TaskHandle"] == nil)
        let (_, all) = await Self.call(
            endpoint, "AmazonSQS.ListMessageMoveTasks", #"{"SourceArn":"\#(dead)","MaxResults":10}"#)
        #expect(
            all["Results"]?.arrayValue?.map { $0["MaxNumberOfMessagesPerSecond"] }
                == (2...11).reversed().map { .integer(Int64($0)) })
        let (tooMany, tooManyError) = await Self.call(
            endpoint, "AmazonSQS.ListMessageMoveTasks", #"{"SourceArn":"\#(dead)","MaxResults":11}"#)
        #expect(tooMany.status == 400)
        #expect(tooManyError["__type"] == "com.amazonaws.sqs#InvalidParameterValue")
        let (cancelled, cancelError) = await Self.call(
            endpoint, "AmazonSQS.CancelMessageMoveTask", #"{"TaskHandle":"\#(handles[10])"}"#)
        #expect(cancelled.status == 400)
        #expect(cancelError["__type"] == "com.amazonaws.sqs#ResourceNotFoundException")
    }

    @Test func testEventPatternAnswersInJSON11WithEventBridgesErrors() async throws {
        let directory = try TemporaryDirectory()
        let endpoint = try Self.endpoint(in: directory)
        let envelope =
            #"\"id\":\"1\",\"account\":\"1\",\"time\":\"2026-01-01T00:00:00Z\",\"region\":\"eu-west-1\",\"detail-type\":\"t\""#
        let event = #"{\"source\":\"shop\",\#(envelope),\"detail\":{\"total\":120}}"#
        let (matched, result) = await Self.call(
            endpoint, "AWSEvents.TestEventPattern",
            #"{"EventPattern":"{\"detail\":{\"total\":[{\"numeric\":[\">\",100]}]}}","Event":"\#(event)"}"#)
        #expect(matched.status == 200)
        #expect(matched.contentType == "application/x-amz-json-1.1")
        #expect(result["Result"] == true)
        let (_, missed) = await Self.call(
            endpoint, "AWSEvents.TestEventPattern", #"{"EventPattern":"{\"source\":[\"other\"]}","Event":"\#(event)"}"#)
        #expect(missed["Result"] == false)
        let (badPattern, patternError) = await Self.call(
            endpoint, "AWSEvents.TestEventPattern", #"{"EventPattern":"{\"source\":\"shop\"}","Event":"\#(event)"}"#)
        #expect(badPattern.status == 400)
        #expect(patternError["__type"] == "InvalidEventPatternException")
        // EventBridge insists on the envelope: an event without one of its fields is not valid, nor is one that is not
        // a JSON object.
        let withoutID =
            #"{\"source\":\"shop\",\"account\":\"1\",\"time\":\"t\",\"region\":\"r\",\"detail-type\":\"t\"}"#
        for body in [
            #"{"EventPattern":"{\"source\":[\"shop\"]}","Event":"not json"}"#,
            #"{"EventPattern":"{\"source\":[\"shop\"]}","Event":"{\"source\":\"shop\"}"}"#,
            #"{"EventPattern":"{\"source\":[\"shop\"]}","Event":"\#(withoutID)"}"#,
            #"{"Event":"{}"}"#,
        ] {
            let (answer, error) = await Self.call(endpoint, "AWSEvents.TestEventPattern", body)
            #expect(answer.status == 400)
            #expect(error["__type"] == "ValidationException", "\(body)")
        }
    }

    @Test func aRequestForAnotherHostIsRefused() async throws {
        let directory = try TemporaryDirectory()
        let queues = try SQLiteMessageQueue(path: directory.path("queues.sqlite"))
        let endpoint = AWSJSONEndpoint(services: [.sqs(queues: queues)], allowedHosts: ["127.0.0.1", "localhost"])
        for host in ["rebound.example:3000", "127.0.0.1.evil.example", nil] {
            let (answer, error) = await Self.call(endpoint, "AmazonSQS.ListQueues", "{}", host: host)
            #expect(answer.status == 403, "\(host ?? "no Host")")
            #expect(error["__type"] == "com.amazon.coral.service#AccessDeniedException")
        }
        for host in ["127.0.0.1:3000", "LOCALHOST:8080"] {
            let (answer, _) = await Self.call(endpoint, "AmazonSQS.ListQueues", "{}", host: host)
            #expect(answer.status == 200, "\(host)")
        }
    }

    @Test func theEndpointClaimsOnlyPOSTToItsPath() {
        #expect(AWSJSONEndpoint.claims(method: .post, path: "/_aws"))
        #expect(AWSJSONEndpoint.claims(method: .post, path: "/_aws/"))
        #expect(!AWSJSONEndpoint.claims(method: .get, path: "/_aws/"))
        #expect(!AWSJSONEndpoint.claims(method: .post, path: "/_aws/123456789012/jobs"))
    }
}
