import LambdaRuntime
import Testing

@Suite("Configuration from the Lambda environment")
struct LambdaConfigurationTests {
    static let lambdaEnvironment = [
        "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001",
        "_HANDLER": "health",
        "AWS_LAMBDA_FUNCTION_NAME": "orders-platform-health",
        "AWS_LAMBDA_FUNCTION_VERSION": "7",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
        "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/orders-platform-health",
        "AWS_LAMBDA_LOG_STREAM_NAME": "2026/11/22/[7]abc",
        "AWS_REGION": "eu-west-1",
    ]

    @Test func readsEveryVariable() throws {
        let configuration = try LambdaConfiguration(environment: Self.lambdaEnvironment)
        #expect(configuration.runtimeAPI == RuntimeAPIAddress(host: "127.0.0.1", port: 9001))
        #expect(configuration.handlerName == "health")
        #expect(
            configuration.function
                == FunctionMetadata(
                    name: "orders-platform-health",
                    version: "7",
                    memoryLimitInMB: 256,
                    logGroupName: "/aws/lambda/orders-platform-health",
                    logStreamName: "2026/11/22/[7]abc",
                    region: "eu-west-1"
                )
        )
        #expect(configuration.maxConcurrency == 1)
        #expect(configuration.logLevel == .info)
        #expect(configuration.logFormat == .text)
    }

    @Test func theLogFormatComesFromLambdasVariable() throws {
        var environment = Self.lambdaEnvironment
        environment["AWS_LAMBDA_LOG_FORMAT"] = "JSON"
        #expect(try LambdaConfiguration(environment: environment).logFormat == .json)
    }

    @Test func lambdaLogLevelWinsOverLogLevel() throws {
        var environment = Self.lambdaEnvironment
        environment["LOG_LEVEL"] = "ERROR"
        #expect(try LambdaConfiguration(environment: environment).logLevel == .error)
        environment["AWS_LAMBDA_LOG_LEVEL"] = "debug"
        #expect(try LambdaConfiguration(environment: environment).logLevel == .debug)
    }

    @Test func managedInstancesServeSeveralInvocations() throws {
        var environment = Self.lambdaEnvironment
        environment["AWS_LAMBDA_MAX_CONCURRENCY"] = "8"
        #expect(try LambdaConfiguration(environment: environment).maxConcurrency == 8)
    }

    @Test(
        arguments: [
            ("AWS_LAMBDA_RUNTIME_API", nil, "AWS_LAMBDA_RUNTIME_API is not set"),
            ("AWS_LAMBDA_RUNTIME_API", "localhost", "AWS_LAMBDA_RUNTIME_API must be host:port, got 'localhost'"),
            (
                "AWS_LAMBDA_RUNTIME_API", "localhost:70000",
                "AWS_LAMBDA_RUNTIME_API must be host:port, got 'localhost:70000'"
            ),
            ("_HANDLER", nil, "_HANDLER is not set"),
            (
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "lots",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE must be a positive integer, got 'lots'"
            ),
            ("AWS_LAMBDA_MAX_CONCURRENCY", "0", "AWS_LAMBDA_MAX_CONCURRENCY must be a positive integer, got '0'"),
            (
                "AWS_LAMBDA_LOG_LEVEL", "LOUD",
                "AWS_LAMBDA_LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR, FATAL, got 'LOUD'"
            ),
        ] as [(String, String?, String)])
    func namesTheBadVariable(variable: String, value: String?, message: String) {
        var environment = Self.lambdaEnvironment
        environment[variable] = value
        #expect {
            try LambdaConfiguration(environment: environment)
        } throws: { error in
            let error = error as? LambdaRuntimeError
            return error?.description == message && error?.errorType == "Runtime.ConfigInvalid"
        }
    }
}
