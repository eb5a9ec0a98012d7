import Cloud
import Testing

/// The one problem+json body, as the function router, the local gateway and the telemetry API write it.
@Suite("Problem details")
struct ProblemDetailsTests {
    struct OutOfStock: HTTPProblemError {
        var status: ResponseStatus { .conflict }
        var detail: String { "SKU A-1 is out of stock" }
    }

    struct Invalid: HTTPProblemError {
        var status: ResponseStatus { .unprocessableContent }
        var detail: String { "The request body breaks 1 rule" }
        var fieldErrors: [FieldError]? {
            [FieldError(field: "items[0].quantity", reason: "must be between 1 and 1000")]
        }
    }

    @Test func anErrorAnswersWithItsStatusTitleAndDetailUnderTheRequestID() {
        let json = String(decoding: ProblemDetails(OutOfStock(), requestID: "req-1").json(), as: UTF8.self)
        #expect(
            json
                == #"{"type":"about:blank","title":"Conflict","status":409,"detail":"SKU A-1 is out of stock","requestId":"req-1"}"#
        )
    }

    @Test func a422ListsEveryFieldErrorAndTheGatewayAddsAPIGatewaysMessage() {
        let problem = ProblemDetails(Invalid(), requestID: "req-2", withGatewayMessage: true)
        #expect(problem.errors == [FieldError(field: "items[0].quantity", reason: "must be between 1 and 1000")])
        #expect(problem.message == "Unprocessable Content" && problem.title == "Unprocessable Content")
        let json = String(decoding: problem.json(), as: UTF8.self)
        #expect(
            json.hasSuffix(
                #""errors":[{"field":"items[0].quantity","reason":"must be between 1 and 1000"}],"message":"Unprocessable Content"}"#
            ))
    }
}
