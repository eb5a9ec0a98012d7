import LambdaEvents
import Observability
import StratusTesting
import Testing

/// Which correlation id an API Gateway request carries into the logs: the caller's `x-correlation-id` when it is safe
/// to log and pass on, else API Gateway's request id.
struct CorrelationIDTests {
    @Test(arguments: [
        "3f1c2b9e-8d7a-4e61-9b0c-5a4d3e2f1a0b", "a", "~!#$%&*+/=?^_`{|}", String(repeating: "x", count: 128),
    ])
    func aPrintableASCIIIdOfAtMost128CharactersIsTheCallers(_ given: String) {
        let request = APIGatewayV2Request.test("GET", "/health", headers: ["x-correlation-id": given])
        #expect(request.correlationID == given)
    }

    @Test(arguments: ["", "has space", "tab\there", "line\nbreak", "é", "\u{7F}", String(repeating: "x", count: 129)])
    func anyOtherIdFallsBackToTheRequestID(_ given: String) {
        let request = APIGatewayV2Request.test("GET", "/health", headers: ["x-correlation-id": given])
        #expect(request.correlationID == request.requestContext.requestId)
    }
}
