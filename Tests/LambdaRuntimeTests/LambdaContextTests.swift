import LambdaRuntime
import Logging
import Testing

@Suite("Invocation context")
struct LambdaContextTests {
    static let function = FunctionMetadata(name: "echo", memoryLimitInMB: 512, logStreamName: "stream")

    @Test func decodesClientContextAndCognitoIdentity() throws {
        let metadata = InvocationMetadata(
            requestID: "r-1",
            deadline: .after(.seconds(3)),
            invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:echo:live",
            traceID: "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
            clientContext:
                #"{"client":{"installation_id":"i-1","app_title":"Shop","app_version_name":"2.1","app_version_code":"21","app_package_name":"com.example.shop"},"custom":{"theme":"dark"},"env":{"platform":"iOS"}}"#,
            cognitoIdentity: #"{"cognitoIdentityId":"us-east-1:abc","cognitoIdentityPoolId":"us-east-1:pool"}"#,
            tenantID: "acme"
        )
        let context = try LambdaContext(
            metadata: metadata, function: Self.function, isColdStart: true, logger: Logger(label: "t"))
        #expect(context.clientContext?.client?.appPackageName == "com.example.shop")
        #expect(context.clientContext?.custom == ["theme": "dark"])
        #expect(context.clientContext?.environment == ["platform": "iOS"])
        #expect(
            context.cognitoIdentity == CognitoIdentity(identityID: "us-east-1:abc", identityPoolID: "us-east-1:pool"))
        #expect(context.tenantID == "acme")
        #expect(context.function.logGroupName == "/aws/lambda/echo")
        #expect(context.logger[metadataKey: LambdaContext.requestIDMetadataKey] == "r-1")
        #expect(context.remainingTime > .seconds(2) && context.remainingTime <= .seconds(3))
    }

    @Test func theLoggerKeepsTheRequestIDThroughChangesUntilAnotherLoggerIsSet() {
        var context = LambdaContext(
            requestID: "r-3", invokedFunctionARN: "arn", deadline: .after(.seconds(3)), function: Self.function,
            isColdStart: false, logger: Logger(label: "runtime"))
        context.logger[metadataKey: "tenant"] = "acme"
        #expect(context.logger[metadataKey: LambdaContext.requestIDMetadataKey] == "r-3")
        #expect(context.logger[metadataKey: "tenant"] == "acme")
        let copy = context
        context.logger = Logger(label: "middleware")
        #expect(context.logger.label == "middleware")
        #expect(context.logger[metadataKey: LambdaContext.requestIDMetadataKey] == nil)
        #expect(copy.logger.label == "runtime" && copy.logger[metadataKey: "tenant"] == "acme")
    }

    @Test func aMalformedContextHeaderFailsTheInvocation() {
        let metadata = InvocationMetadata(
            requestID: "r-2",
            deadline: .after(.seconds(3)),
            invokedFunctionARN: "arn",
            clientContext: "{not json"
        )
        #expect {
            try LambdaContext(
                metadata: metadata, function: Self.function, isColdStart: false, logger: Logger(label: "t"))
        } throws: { error in
            LambdaFunctionError(describing: error).errorType == "Runtime.LambdaContextUnmarshalError"
        }
    }

    @Test func remainingTimeIsZeroPastTheDeadline() {
        let past = LambdaDeadline(millisecondsSinceEpoch: WallClock.nowMilliseconds() - 10)
        #expect(past.remainingTime() == .zero)
    }
}
