import Foundation
import LambdaRuntime
import Logging
import Middleware
import Services
import StratusTesting
import Testing

@Suite struct AuthAPITests {
    @Test func registrationCreatesTheAccountItsProfileAndItsEventAndRefusesADuplicate() async throws {
        let fixture = try AccountsFixture()
        let response = try await fixture.auth(
            "/auth/register", #"{"email":"Ada@Example.com","password":"Correct-Horse-7","name":"Ada"}"#)
        #expect(response.statusCode == 201)
        #expect(response.headers?["location"] == "/users/me")
        let body = try response.json()
        let userID = try #require(body["userId"] as? String)
        #expect(body["email"] as? String == "ada@example.com")
        #expect(body["password"] == nil)

        let profile = try await fixture.users("GET", as: userID)
        #expect(profile.statusCode == 200)
        #expect(try profile.json()["name"] as? String == "Ada")
        let events = try await fixture.store.outboxEnvelopes()
        #expect(events.count == 1)
        #expect(events.first?["detail-type"] as? String == "UserRegistered")
        #expect(events.first?["source"] as? String == "stratus.users")
        #expect((events.first?["detail"] as? [String: Any])?["userId"] as? String == userID)

        let duplicate = try await fixture.auth(
            "/auth/register", #"{"email":"ada@example.com","password":"Correct-Horse-7","name":"Ada"}"#)
        #expect(duplicate.statusCode == 409)
        #expect(try await fixture.store.outboxEnvelopes().count == 1, "a refused registration writes nothing")
    }

    @Test func aWeakPasswordOrABadEmailIs422ListingEveryProblemWithoutEchoingThePassword() async throws {
        let fixture = try AccountsFixture()
        let response = try await fixture.auth(
            "/auth/register", #"{"email":"not-an-email","password":"short","name":""}"#)
        #expect(response.statusCode == 422)
        let problems = try #require(try response.json()["errors"] as? [[String: String]])
        #expect(problems.map { $0["field"] } == ["email", "password", "name"])
        #expect(problems[1]["reason"]?.contains("at least 8 characters") == true)
        #expect(response.body?.contains("short") == false)
        for email in [
            "a@b", "@example.com", "a b@example.com", "a@-example.com", "a@example.c0m",
            String(repeating: "a", count: 250) + "@example.com",
        ] {
            let refused = try await fixture.auth(
                "/auth/register", #"{"email":"\#(email)","password":"Correct-Horse-7","name":"A"}"#)
            #expect(refused.statusCode == 422, "\(email)")
        }
        let wrongType = try await fixture.auth(
            "/auth/register", #"{"email":"a@example.com","password":12345678,"name":"A"}"#)
        #expect(wrongType.statusCode == 422)
        #expect(
            try wrongType.json()["errors"] as? [[String: String]] == [
                ["field": "password", "reason": "must be a string"]
            ])
    }

    @Test func loginAnswersTokensAndTheSame401ForAWrongPasswordOrAnUnknownUserThenSlowsDown() async throws {
        let fixture = try AccountsFixture()
        let userID = try await fixture.register("ada@example.com")
        let login = try await fixture.auth("/auth/login", #"{"email":"ada@example.com","password":"Correct-Horse-7"}"#)
        #expect(login.statusCode == 200)
        let tokens = try login.json()
        #expect(tokens["tokenType"] as? String == "Bearer")
        #expect(tokens["expiresIn"] as? Int == 3600)
        let claims = try fixture.issuer.authorizer.authorize(
            authorization: tokens["accessToken"] as? String, requiredScopes: [],
            nowSeconds: Int64(Date().timeIntervalSince1970)
        ).claims
        #expect(claims["sub"] == userID)

        let wrong = try await fixture.auth("/auth/login", #"{"email":"ada@example.com","password":"Wrong-Horse-7"}"#)
        let unknown = try await fixture.auth("/auth/login", #"{"email":"bob@example.com","password":"Wrong-Horse-7"}"#)
        #expect(wrong.statusCode == 401)
        #expect(unknown.statusCode == 401)
        #expect(try wrong.json()["detail"] as? String == (try unknown.json()["detail"] as? String))
        for _ in 0..<4 {
            _ = try await fixture.auth("/auth/login", #"{"email":"ada@example.com","password":"Wrong-Horse-7"}"#)
        }
        let throttled = try await fixture.auth(
            "/auth/login", #"{"email":"ada@example.com","password":"Correct-Horse-7"}"#)
        #expect(throttled.statusCode == 429)
        #expect(Int(throttled.headers?["retry-after"] ?? "") ?? 0 >= 1)
    }

    @Test func refreshGivesANewAccessTokenUntilLogoutRevokesIt() async throws {
        let fixture = try AccountsFixture()
        _ = try await fixture.register("ada@example.com")
        let login = try await fixture.auth("/auth/login", #"{"email":"ada@example.com","password":"Correct-Horse-7"}"#)
            .json()
        let refreshToken = try #require(login["refreshToken"] as? String)
        let refreshed = try await fixture.auth("/auth/refresh", #"{"refreshToken":"\#(refreshToken)"}"#)
        #expect(refreshed.statusCode == 200)
        #expect(try refreshed.json()["accessToken"] as? String != nil)
        #expect(try refreshed.json()["refreshToken"] == nil)
        let logout = try await fixture.auth("/auth/logout", #"{"refreshToken":"\#(refreshToken)"}"#)
        #expect(logout.statusCode == 204)
        #expect(logout.body == nil)
        let revoked = try await fixture.auth("/auth/refresh", #"{"refreshToken":"\#(refreshToken)"}"#)
        #expect(revoked.statusCode == 401)
        #expect(revoked.headers?["www-authenticate"] == "Bearer")
    }

    @Test func forgotPasswordIs202ForAnyEmailAndTheMailedCodeSetsANewPassword() async throws {
        let fixture = try AccountsFixture()
        _ = try await fixture.register("ada@example.com")
        let unknown = try await fixture.auth("/auth/forgot-password", #"{"email":"nobody@example.com"}"#)
        let known = try await fixture.auth("/auth/forgot-password", #"{"email":"ada@example.com"}"#)
        #expect(unknown.statusCode == 202)
        #expect(known.statusCode == 202)
        #expect(unknown.body == known.body, "no account enumeration")
        let entries = try fixture.notifications.entries()
        #expect(
            entries.map(\.to) == ["nobody@example.com", "ada@example.com"], "the same work for either: one email each")
        #expect(entries[0].message.firstMatch(of: /\d{6}/) == nil, "a note to an email without an account, no code")
        let code = String(try #require(entries[1].message.firstMatch(of: /\d{6}/)).output)

        let weak = try await fixture.auth(
            "/auth/confirm-forgot-password",
            #"{"email":"ada@example.com","code":"\#(code)","newPassword":"weak"}"#)
        #expect(weak.statusCode == 422)
        #expect((try weak.json()["errors"] as? [[String: String]])?.first?["field"] == "newPassword")
        let malformed = try await fixture.auth(
            "/auth/confirm-forgot-password",
            #"{"email":"ada@example.com","code":"12ab","newPassword":"New-Horse-8"}"#)
        #expect(malformed.statusCode == 422)
        let confirmed = try await fixture.auth(
            "/auth/confirm-forgot-password",
            #"{"email":"ada@example.com","code":"\#(code)","newPassword":"New-Horse-8"}"#)
        #expect(confirmed.statusCode == 204)
        let reused = try await fixture.auth(
            "/auth/confirm-forgot-password",
            #"{"email":"ada@example.com","code":"\#(code)","newPassword":"New-Horse-9"}"#)
        #expect(reused.statusCode == 400)
        let login = try await fixture.auth("/auth/login", #"{"email":"ada@example.com","password":"New-Horse-8"}"#)
        #expect(login.statusCode == 200)
    }

    /// A full password-hashing queue is 503 and the limits are 429, each with the `Retry-After` the directory gave;
    /// reset requests are limited by the event's `sourceIp`.
    @Test func aBusyDirectoryIs503AndALimitIs429BothWithRetryAfter() async throws {
        let busy = AuthAPI(
            identity: RefusingIdentityProvider(.busy(retryAfterSeconds: 1)), store: try AccountsFixture().store)
        let login = try await busy.handle(
            .test(
                "POST", "/auth/login",
                body: #"{"email":"ada@example.com","password":"Correct-Horse-7"}"#), context: .test())
        #expect(login.statusCode == 503)
        #expect(login.headers?["retry-after"] == "1")
        #expect(try login.json()["title"] as? String == "Service Unavailable")

        let limits = RefusingIdentityProvider(.limitExceeded(retryAfterSeconds: 840))
        let limited = AuthAPI(identity: limits, store: try AccountsFixture().store)
        let forgot = try await limited.handle(
            .test("POST", "/auth/forgot-password", body: #"{"email":"ada@example.com"}"#),
            context: .test())
        #expect(forgot.statusCode == 429)
        #expect(forgot.headers?["retry-after"] == "840")
        #expect(limits.resetRequestAddresses == ["127.0.0.1"])
        let confirm = try await limited.handle(
            .test(
                "POST", "/auth/confirm-forgot-password",
                body: #"{"email":"ada@example.com","code":"123456","newPassword":"New-Horse-8"}"#), context: .test())
        #expect(confirm.statusCode == 429)
        #expect(confirm.headers?["retry-after"] == "840")
        #expect(try confirm.json()["status"] as? Int == 429)
    }

    /// The auth function as the manifest runs it (observed, at the debug level, logging each event) writes its lines,
    /// and none of them carries a password: not on registration, a failed sign-in or a successful one.
    @Test func noPasswordReachesTheLogs() async throws {
        let fixture = try AccountsFixture()
        let sink = InMemoryLogSink()
        let auth = fixture.auth.observed(
            LambdaInitializationContext(
                handlerName: "auth", function: FunctionMetadata(name: "auth"),
                environment: ["POWERTOOLS_LOG_LEVEL": "DEBUG", "POWERTOOLS_LOGGER_LOG_EVENT": "true"],
                logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, logSink: sink
            ))
        let requests = [
            ("/auth/register", #"{"email":"ada@example.com","password":"Correct-Horse-7","name":"Ada"}"#, 201),
            ("/auth/login", #"{"email":"ada@example.com","password":"Wrong-Horse-7"}"#, 401),
            ("/auth/login", #"{"email":"ada@example.com","password":"Correct-Horse-7"}"#, 200),
        ]
        for (path, body, status) in requests {
            let response = try await auth.handle(
                .test("POST", path, body: body), context: .test(function: "auth", logSink: sink))
            #expect(response.statusCode == status)
        }
        #expect(sink.lines.count >= requests.count, "each invocation's lines are observed")
        #expect(!sink.lines.joined().contains("Horse"))
    }
}
