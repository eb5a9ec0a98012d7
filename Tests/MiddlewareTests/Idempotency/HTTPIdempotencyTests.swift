import Cloud
import Foundation
import LambdaEvents
import LambdaRuntime
import Middleware
import Synchronization
import Testing

@Suite struct HTTPIdempotencyTests {
    struct Payment: Codable, Sendable {
        var amount: Int
    }

    struct PaymentCreated: Codable, Sendable {
        var paymentId: String
        var run: Int
    }

    static func router(_ fixture: IdempotencyFixture) -> HTTPRouter {
        let idempotency = fixture.idempotency()
        return HTTPRouter {
            Route(.post, "/payments", idempotency: idempotency, body: Payment.self) { _, payment, _ in
                let run = fixture.countRun()
                if payment.amount == 500 {
                    return APIResponse(status: 503, body: PaymentCreated(paymentId: "unavailable", run: run))
                }
                return APIResponse(
                    status: 201, headers: [.location: "/payments/p-\(run)"],
                    body: PaymentCreated(paymentId: "p-\(run)", run: run))
            }
        }
    }

    static func post(_ body: String, key: String?, caller: String? = "alice") -> APIGatewayV2Request {
        var headers = ["content-type": "application/json"]
        headers["idempotency-key"] = key
        var event = RouterFixture.event("POST", "/payments", body: body, headers: headers)
        event.requestContext.authorizer = caller.map { .init(jwt: .init(claims: ["sub": $0])) }
        return event
    }

    @Test func aRepeatedRequestGetsTheStoredAnswerExactlyAndRunsOnce() async throws {
        let fixture = try IdempotencyFixture()
        let router = Self.router(fixture)
        let first = try await router.handle(Self.post(#"{"amount":1999}"#, key: "pay-1"), context: fixture.context())
        let repeated = try await router.handle(Self.post(#"{"amount":1999}"#, key: "pay-1"), context: fixture.context())
        #expect(first.statusCode == 201)
        #expect(repeated == first)
        #expect(fixture.runCount == 1)
    }

    /// A retry that writes the same JSON another way (spacing, member order) is the same request, as Powertools
    /// fingerprints the parsed payload.
    @Test func theSameJSONWrittenAnotherWayIsTheSameRequest() async throws {
        let fixture = try IdempotencyFixture()
        let router = Self.router(fixture)
        let first = try await router.handle(
            Self.post(#"{"amount":1999,"note":"x"}"#, key: "pay-1"), context: fixture.context())
        let rewritten = try await router.handle(
            Self.post(#"{ "note" : "x",\#n  "amount": 1999 }"#, key: "pay-1"), context: fixture.context())
        #expect(rewritten == first)
        #expect(fixture.runCount == 1)
        let other = try await router.handle(
            Self.post(#"{"amount":1999,"note":"y"}"#, key: "pay-1"), context: fixture.context())
        #expect(other.statusCode == 422, "a different value is still a different request")
    }

    /// Values that only look alike once parsed are different requests: a number past a `Double`'s digits, and an
    /// object whose repeated key a reader may take either way.
    @Test(arguments: [
        (#"{"amount":1,"ref":12345678901234567890}"#, #"{"amount":1,"ref":12345678901234567891}"#),
        (#"{"amount":1,"amount":2}"#, #"{"amount":2}"#),
        (#"{"amount":1}"#, #"{"amount":1.0}"#),
    ])
    func bodiesAlikeOnlyOnceParsedAreDifferentRequests(first: String, second: String) async throws {
        let fixture = try IdempotencyFixture()
        let router = Self.router(fixture)
        _ = try await router.handle(Self.post(first, key: "pay-1"), context: fixture.context())
        let other = try await router.handle(Self.post(second, key: "pay-1"), context: fixture.context())
        #expect(other.statusCode == 422)
        #expect(fixture.runCount == 1)
    }

    @Test func theKeyWithAnotherBodyIs422AndWithoutAKeyEveryRequestRuns() async throws {
        let fixture = try IdempotencyFixture()
        let router = Self.router(fixture)
        _ = try await router.handle(Self.post(#"{"amount":1999}"#, key: "pay-1"), context: fixture.context())
        let mismatch = try await router.handle(Self.post(#"{"amount":1}"#, key: "pay-1"), context: fixture.context())
        #expect(mismatch.statusCode == 422)
        #expect(mismatch.headers?["content-type"] == "application/problem+json")
        #expect(
            try mismatch.json()["detail"] as? String == "This Idempotency-Key was already used with a different request"
        )
        _ = try await router.handle(Self.post(#"{"amount":1999}"#, key: nil), context: fixture.context())
        _ = try await router.handle(Self.post(#"{"amount":1999}"#, key: nil), context: fixture.context())
        #expect(fixture.runCount == 3)
    }

    @Test func keysBelongToTheirCaller() async throws {
        let fixture = try IdempotencyFixture()
        let router = Self.router(fixture)
        let alice = try await router.handle(
            Self.post(#"{"amount":1999}"#, key: "pay-1", caller: "alice"), context: fixture.context())
        let bob = try await router.handle(
            Self.post(#"{"amount":1999}"#, key: "pay-1", caller: "bob"), context: fixture.context())
        #expect(alice.body != bob.body, "bob must not get alice's answer")
        #expect(fixture.runCount == 2)
    }

    @Test func aKeyWithoutAnAuthenticatedCallerIs400AndNeverShared() async throws {
        let fixture = try IdempotencyFixture()
        let router = Self.router(fixture)
        let first = try await router.handle(
            Self.post(#"{"amount":1999}"#, key: "pay-1", caller: nil), context: fixture.context())
        let second = try await router.handle(
            Self.post(#"{"amount":1999}"#, key: "pay-1", caller: nil), context: fixture.context())
        for response in [first, second] {
            #expect(response.statusCode == 400)
            #expect(response.headers?["content-type"] == "application/problem+json")
            #expect(try (response.json()["detail"] as? String)?.contains("authenticated caller") == true)
        }
        #expect(fixture.runCount == 0, "an anonymous key runs nothing and stores nothing")
    }

    @Test func badKeysAre400AndServerErrorsAreNotKept() async throws {
        let fixture = try IdempotencyFixture()
        let router = Self.router(fixture)
        for key in ["", String(repeating: "k", count: 256), "with space", "ümlaut"] {
            let response = try await router.handle(Self.post(#"{"amount":1}"#, key: key), context: fixture.context())
            #expect(response.statusCode == 400, "key \(key.prefix(10))")
        }
        #expect(fixture.runCount == 0)
        let failed = try await router.handle(Self.post(#"{"amount":500}"#, key: "pay-5"), context: fixture.context())
        let retried = try await router.handle(Self.post(#"{"amount":500}"#, key: "pay-5"), context: fixture.context())
        #expect(failed.statusCode == 503)
        #expect(retried.statusCode == 503)
        #expect(fixture.runCount == 2, "a 5xx answer is not replayed: the retry runs")
    }

    @Test func aDuplicateWhileTheFirstRunsIs409WithRetryAfter() async throws {
        let fixture = try IdempotencyFixture()
        let idempotency = fixture.idempotency()
        let duplicate = Mutex<APIGatewayV2Response?>(nil)
        let router = HTTPRouter {
            Route(.post, "/slow", idempotency: idempotency) { request, context in
                // The client retries while the first request is still being served.
                let retry = try await Self.router(fixture: fixture, idempotency: idempotency)
                    .handle(request.event, context: context)
                duplicate.withLock { $0 = retry }
                return APIResponse(status: 201, body: PaymentCreated(paymentId: "p", run: fixture.countRun()))
            }
        }
        var event = RouterFixture.event("POST", "/slow", body: "{}")
        event.headers["idempotency-key"] = "slow-1"
        let first = try await router.handle(event, context: fixture.context())
        #expect(first.statusCode == 201)
        let retry = try #require(duplicate.withLock { $0 })
        #expect(retry.statusCode == 409)
        #expect(retry.headers?["retry-after"] == "1")
    }

    /// A router with the same idempotent route key as the slow one, whose handler must never run.
    static func router(fixture: IdempotencyFixture, idempotency: Idempotency) -> HTTPRouter {
        HTTPRouter {
            Route(.post, "/slow", idempotency: idempotency) { _, _ -> APIResponse<NoContent> in
                Issue.record("a duplicate ran while the first was in progress")
                return APIResponse(status: 204, body: NoContent())
            }
        }
    }
}
