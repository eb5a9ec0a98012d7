import LambdaRuntime
import Logging
import Middleware
import Testing

/// The service a function's logger, metrics and tracer name: `POWERTOOLS_SERVICE_NAME`, or the function's name
/// when it is missing or empty, as Powertools does on Lambda.
struct FunctionObservabilityTests {
    static func observability(environment: [String: String]) -> FunctionObservability {
        FunctionObservability(
            LambdaInitializationContext(
                handlerName: "orders", function: FunctionMetadata(name: "orders-function"),
                environment: environment, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }))
    }

    @Test(arguments: [[:], ["POWERTOOLS_SERVICE_NAME": ""]])
    func withoutAServiceNameTheFunctionsNameIsTheService(environment: [String: String]) {
        let observability = Self.observability(environment: environment)
        #expect(observability.logger.configuration.service == "orders-function")
        #expect(observability.metrics.configuration.service == "orders-function")
        #expect(observability.tracing.service == "orders-function")
    }

    @Test func aServiceNameNamesTheServiceEverywhere() {
        let observability = Self.observability(environment: [
            "POWERTOOLS_SERVICE_NAME": "checkout", "POWERTOOLS_METRICS_NAMESPACE": "shop",
        ])
        #expect(observability.logger.configuration.service == "checkout")
        #expect(observability.metrics.configuration.service == "checkout")
        #expect(observability.metrics.configuration.namespace == "shop")
        #expect(observability.tracing.service == "checkout")
    }
}
