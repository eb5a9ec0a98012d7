import Crypto
import Foundation
import LocalCloud
import OpenAPI
import StratusTesting
import Testing
import _CryptoExtras

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The reference system as a client meets it: `stratus serve` on a free port, driven over HTTP.
@Suite("Reference system over HTTP", .serialized)
struct ReferenceSystemEndToEndTests {
    /// A running system on its own data directory, on either backend (``ServedSystem``).
    final class Server: Sendable {
        let served: ServedSystem

        private init(_ served: ServedSystem) {
            self.served = served
        }

        /// The system on `backend`; `nil` when moto is missing for aws and this is not CI.
        static func start(_ backend: ServedBackend) async throws -> Server? {
            try await ServedSystem.start(backend).map(Server.init)
        }

        /// The system on the local backend.
        convenience init() async throws {
            self.init(try #require(try await ServedSystem.start(.local)))
        }

        var url: URL { self.served.url }
        var data: String { self.served.data }
        var backend: ServedBackend { self.served.backend }

        func stop() {
            self.served.stop()
        }

        func send(
            _ method: String, _ path: String, token: String? = nil, body: String? = nil, headers: [String: String] = [:]
        )
            async throws -> (status: Int, json: [String: Any], response: HTTPURLResponse)
        {
            // Appended as text, so that a query string stays a query string.
            let url = try #require(URL(string: self.url.absoluteString + "/" + path))
            return try await StratusServe.send(method, url, token: token, body: body, headers: headers)
        }

        /// Registers an account and signs it in; answers its user id and its tokens.
        func signUp(_ email: String, password: String = "Correct-Horse-7") async throws -> (
            userID: String, tokens: [String: Any]
        ) {
            let (registered, account, _) = try await self.send(
                "POST", "auth/register",
                body: #"{"email":"\#(email)","password":"\#(password)","name":"Test User"}"#)
            #expect(registered == 201)
            let (signedIn, tokens, _) = try await self.send(
                "POST", "auth/login", body: #"{"email":"\#(email)","password":"\#(password)"}"#)
            #expect(signedIn == 200)
            return (try #require(account["userId"] as? String), tokens)
        }

        /// Runs `stratus users …` on the server's data directory and backend.
        func users(_ arguments: [String]) async throws -> (status: Int32, output: String) {
            let run = try await self.served.command(["users"] + arguments)
            return (run.status, run.outputText)
        }

        /// The reset code in the newest email to `address` in the local notification log.
        func latestCode(to address: String) throws -> String {
            let entries = try NotificationLog(path: self.data + "/notifications.log").entries()
            let message = try #require(entries.last { $0.to == address }).message
            return String(try #require(message.firstMatch(of: /\d{6}/)).output)
        }
    }

    @Test(.timeLimit(.minutes(3)), arguments: ServedBackend.allCases)
    func aNewUserRegistersSignsInAndWorksWithOrdersAndStaffManagesThem(backend: ServedBackend) async throws {
        guard let server = try await Server.start(backend) else { return }
        defer { server.stop() }
        let (aliceID, alice) = try await server.signUp("alice@example.com")
        let aliceToken = try #require(alice["accessToken"] as? String)

        let (profileStatus, profile, profileResponse) = try await server.send("GET", "users/me", token: aliceToken)
        #expect(profileStatus == 200)
        #expect(profile["userId"] as? String == aliceID)
        #expect(profileResponse.value(forHTTPHeaderField: "etag") == "\"1\"")
        let (updated, _, _) = try await server.send(
            "PUT", "users/me", token: aliceToken,
            body: #"{"name":"Alice","phone":"+14155550123"}"#, headers: ["if-match": "\"1\""])
        #expect(updated == 200)

        let order =
            #"{"items":[{"sku":"A-1","quantity":2,"unitPrice":1999},{"sku":"B-2","quantity":1,"unitPrice":4500}],"currency":"EUR"}"#
        let (created, createdOrder, _) = try await server.send(
            "POST", "orders", token: aliceToken, body: order,
            headers: ["idempotency-key": "first-order"])
        #expect(created == 201)
        #expect(createdOrder["total"] as? Int == 8498)
        let orderID = try #require(createdOrder["orderId"] as? String)
        let (repeated, repeatedOrder, _) = try await server.send(
            "POST", "orders", token: aliceToken, body: order,
            headers: ["idempotency-key": "first-order"])
        #expect(repeated == 201)
        #expect(repeatedOrder["orderId"] as? String == orderID, "a retry gets the first answer")
        let (reused, _, _) = try await server.send(
            "POST", "orders", token: aliceToken,
            body: #"{"items":[{"sku":"C-3","quantity":1,"unitPrice":1}],"currency":"EUR"}"#,
            headers: ["idempotency-key": "first-order"])
        #expect(reused == 422, "a reused key with another body is refused")
        let (listed, list, _) = try await server.send("GET", "orders?limit=10", token: aliceToken)
        #expect(listed == 200)
        #expect((list["orders"] as? [[String: Any]])?.compactMap { $0["orderId"] as? String } == [orderID])

        let (refusedMove, _, _) = try await server.send(
            "PATCH", "orders/\(orderID)/status", token: aliceToken,
            body: #"{"status":"CONFIRMED"}"#, headers: ["if-match": "\"1\""])
        #expect(refusedMove == 403, "customers may only cancel")

        let (_, bob) = try await server.signUp("bob@example.com")
        let (foreign, _, _) = try await server.send(
            "GET", "orders/\(orderID)", token: try #require(bob["accessToken"] as? String))
        #expect(foreign == 404, "someone else's order does not exist for them")

        _ = try await server.signUp("sam@example.com")
        let (added, addedText) = try await server.users([
            "add-to-group", "--email", "sam@example.com", "--group", "staff",
        ])
        #expect(added == 0, "\(addedText)")
        let (missing, missingText) = try await server.users([
            "add-to-group", "--email", "nobody@example.com", "--group", "staff",
        ])
        #expect(missing != 0)
        #expect(missingText.contains("No account has the email nobody@example.com"))
        let (_, staffTokens, _) = try await server.send(
            "POST", "auth/login", body: #"{"email":"sam@example.com","password":"Correct-Horse-7"}"#)
        let staff = try #require(staffTokens["accessToken"] as? String)

        let (confirmed, confirmedOrder, _) = try await server.send(
            "PATCH", "orders/\(orderID)/status", token: staff,
            body: #"{"status":"CONFIRMED"}"#, headers: ["if-match": "\"1\""])
        #expect(confirmed == 200)
        #expect(confirmedOrder["status"] as? String == "CONFIRMED")
        let (stale, _, _) = try await server.send(
            "PATCH", "orders/\(orderID)/status", token: staff,
            body: #"{"status":"SHIPPED"}"#, headers: ["if-match": "\"1\""])
        #expect(stale == 412)
        let (invalid, _, _) = try await server.send(
            "PATCH", "orders/\(orderID)/status", token: staff,
            body: #"{"status":"DELIVERED"}"#, headers: ["if-match": "\"2\""])
        #expect(invalid == 409, "CONFIRMED cannot jump to DELIVERED")

        let racers = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await server.send(
                        "PATCH", "orders/\(orderID)/status", token: staff,
                        body: #"{"status":"SHIPPED"}"#, headers: ["if-match": "\"2\""]
                    ).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // One winner on moto too: scripts/moto_server.py makes its transactions atomic, as DynamoDB's are.
        #expect(racers.filter { $0 == 200 }.count == 1, "\(racers)")
        #expect(racers.filter { $0 == 412 }.count == 7, "\(racers)")

        let refreshToken = try #require(alice["refreshToken"] as? String)
        let (refreshed, fresh, _) = try await server.send(
            "POST", "auth/refresh", body: #"{"refreshToken":"\#(refreshToken)"}"#)
        #expect(refreshed == 200)
        let (stillWorks, _, _) = try await server.send(
            "GET", "orders/\(orderID)", token: try #require(fresh["accessToken"] as? String))
        #expect(stillWorks == 200)
        let (loggedOut, _, _) = try await server.send(
            "POST", "auth/logout", body: #"{"refreshToken":"\#(refreshToken)"}"#)
        let (revoked, _, _) = try await server.send(
            "POST", "auth/refresh", body: #"{"refreshToken":"\#(refreshToken)"}"#)
        withKnownIssue("moto implements no RevokeToken: it fails the call, and the token stays valid") {
            #expect(loggedOut == 204)
            #expect(revoked == 401)
        } when: {
            backend == .aws
        }
    }

    @Test(.timeLimit(.minutes(3)), arguments: ServedBackend.allCases)
    func aForgottenPasswordIsResetWithTheCodeSentToTheUser(backend: ServedBackend) async throws {
        guard let server = try await Server.start(backend) else { return }
        defer { server.stop() }
        _ = try await server.signUp("alice@example.com")
        let (unknown, unknownBody, _) = try await server.send(
            "POST", "auth/forgot-password", body: #"{"email":"nobody@example.com"}"#)
        let (known, knownBody, _) = try await server.send(
            "POST", "auth/forgot-password", body: #"{"email":"alice@example.com"}"#)
        #expect(unknown == 202 && known == 202)
        #expect(unknownBody["message"] as? String == knownBody["message"] as? String)
        switch backend {
        case .local:
            // The local identity provider hands the code to the notifier, whose log the test reads as the user's mailbox.
            let code = try server.latestCode(to: "alice@example.com")
            let (reset, _, _) = try await server.send(
                "POST", "auth/confirm-forgot-password",
                body: #"{"email":"alice@example.com","code":"\#(code)","newPassword":"Fresh-Horse-8"}"#)
            #expect(reset == 204)
        case .aws:
            // Cognito emails the code itself, where no test can read it. A code it never sent is refused with
            // CodeMismatchException (400); moto takes any code but its own `moto-confirmation-code:…` (which it only
            // tells in a header of its answer, and our adapter, like an SDK, ignores), so the new password is set by the
            // guess, and the sign-ins below check the reset through the gateway either way.
            let (guessed, _, _) = try await server.send(
                "POST", "auth/confirm-forgot-password",
                body: #"{"email":"alice@example.com","code":"000000","newPassword":"Fresh-Horse-8"}"#)
            withKnownIssue("moto accepts a confirmation code it never sent") {
                #expect(guessed == 400)
            }
        }
        let (old, _, _) = try await server.send(
            "POST", "auth/login", body: #"{"email":"alice@example.com","password":"Correct-Horse-7"}"#)
        #expect(old == 401)
        let (new, _, _) = try await server.send(
            "POST", "auth/login", body: #"{"email":"alice@example.com","password":"Fresh-Horse-8"}"#)
        #expect(new == 200)
        for _ in 0..<5 {
            _ = try await server.send(
                "POST", "auth/login", body: #"{"email":"alice@example.com","password":"Wrong-Horse-0"}"#)
        }
        let (throttled, _, throttledResponse) = try await server.send(
            "POST", "auth/login",
            body: #"{"email":"alice@example.com","password":"Fresh-Horse-8"}"#)
        // Cognito locks the user out after five failed sign-ins (NotAuthorizedException "Password attempts
        // exceeded", which the adapter turns into the local provider's lockout); moto never does.
        withKnownIssue("moto does not lock a user out after failed sign-ins") {
            #expect(throttled == 429)
            #expect(throttledResponse.value(forHTTPHeaderField: "retry-after") != nil)
        } when: {
            backend == .aws
        }
    }

    @Test(.timeLimit(.minutes(3)), arguments: ServedBackend.allCases)
    func badInputOfEveryKindIsAClearProblemAndNeverACrash(backend: ServedBackend) async throws {
        guard let server = try await Server.start(backend) else { return }
        defer { server.stop() }
        let (_, alice) = try await server.signUp("alice@example.com")
        let token = try #require(alice["accessToken"] as? String)

        var cases: [(String, Int, (status: Int, json: [String: Any], response: HTTPURLResponse))] = []
        cases.append(
            ("malformed JSON", 400, try await server.send("POST", "orders", token: token, body: #"{"items": [ "#)))
        cases.append(
            (
                "wrong types", 422,
                try await server.send(
                    "POST", "orders", token: token,
                    body: #"{"items":[{"sku":"A","quantity":"two","unitPrice":1}],"currency":"EUR"}"#)
            ))
        cases.append(
            (
                "invalid values", 422,
                try await server.send(
                    "POST", "orders", token: token,
                    body: #"{"items":[{"sku":"A","quantity":1001,"unitPrice":-1}],"currency":"XXX"}"#)
            ))
        cases.append(
            (
                "no items", 422,
                try await server.send("POST", "orders", token: token, body: #"{"items":[],"currency":"EUR"}"#)
            ))
        cases.append(
            (
                "another content type", 415,
                try await server.send(
                    "POST", "orders", token: token,
                    body: "items=1", headers: ["content-type": "application/x-www-form-urlencoded"])
            ))
        cases.append(
            (
                "a body over the function's 1 MB", 413,
                try await server.send(
                    "POST", "orders", token: token,
                    body: #"{"items":[],"currency":""# + String(repeating: "E", count: 1_100_000) + #""}"#)
            ))
        cases.append(
            (
                "a body over the gateway's 10 MB", 413,
                try await StratusServe.send(
                    "POST",
                    server.url.appendingPathComponent("orders"), token: token, bytes: Data(count: 10 * 1024 * 1024 + 1))
            ))
        cases.append(("no token", 401, try await server.send("GET", "orders")))
        cases.append(("a forged signature", 401, try await server.send("GET", "orders", token: Self.forged(token))))
        let keys = try Self.signingKeys(server, accessToken: token)
        /// `GET /orders` with an access token like alice's, its claims changed by `changes`, signed with `alg` by `key`.
        func ordersWithToken(
            changing changes: [String: Any?] = [:], alg: String = "RS256", signedWith key: _RSA.Signing.PrivateKey
        ) async throws -> (Int, [String: Any], HTTPURLResponse) {
            let token = try TokenIssuer.token(
                keys.claims.merging(changes) { $1 }, header: ["alg": alg, "kid": keys.id, "typ": "JWT"],
                signedWith: key)
            return try await server.send("GET", "orders", token: token)
        }
        cases.append(("alg none", 401, try await ordersWithToken(alg: "none", signedWith: TokenIssuer.otherKey)))
        // A token valid but for one claim needs the issuer's key: the local one's is in the data folder, the user
        // pool's stays Cognito's, so these three are the local backend's only.
        if let key = keys.key {
            cases.append(
                (
                    "an expired token", 401,
                    try await ordersWithToken(
                        changing: ["exp": Int(Date().timeIntervalSince1970) - 60], signedWith: key)
                ))
            cases.append(
                (
                    "another audience", 401,
                    try await ordersWithToken(changing: ["client_id": "someone-else"], signedWith: key)
                ))
            cases.append(
                (
                    "another issuer", 401,
                    try await ordersWithToken(changing: ["iss": "https://evil.example"], signedWith: key)
                ))
        }
        cases.append(("a key the issuer never had", 401, try await ordersWithToken(signedWith: TokenIssuer.otherKey)))
        cases.append(
            (
                "an id token", 401,
                try await server.send("GET", "orders", token: try #require(alice["idToken"] as? String))
            ))
        cases.append(("a made-up order id", 404, try await server.send("GET", "orders/not-an-id", token: token)))
        cases.append(("a bad cursor", 400, try await server.send("GET", "orders?cursor=garbage", token: token)))
        cases.append(("a bad limit", 400, try await server.send("GET", "orders?limit=1000", token: token)))
        cases.append(("an unknown route", 404, try await server.send("GET", "payments", token: token)))
        cases.append(
            (
                "a weak password", 422,
                try await server.send(
                    "POST", "auth/register",
                    body: #"{"email":"bob@example.com","password":"password","name":"Bob"}"#)
            ))
        cases.append(
            (
                "a duplicate email", 409,
                try await server.send(
                    "POST", "auth/register",
                    body: #"{"email":"ALICE@example.com","password":"Correct-Horse-7","name":"Alice"}"#)
            ))
        cases.append(
            ("a missing If-Match", 428, try await server.send("PUT", "users/me", token: token, body: #"{"name":"A"}"#)))

        for (name, expected, (status, json, response)) in cases {
            #expect(status == expected, "\(name)")
            #expect(response.value(forHTTPHeaderField: "apigw-requestid") != nil, "\(name)")
            #expect(json["status"] as? Int == expected, "\(name): a problem body with the status")
            #expect(json["title"] is String && json["detail"] is String && json["type"] is String, "\(name)")
            #expect(json["requestId"] as? String != nil, "\(name): the problem names the request")
            if expected == 401 {
                #expect(response.value(forHTTPHeaderField: "www-authenticate")?.hasPrefix("Bearer") == true, "\(name)")
            }
        }
        let (health, _, _) = try await server.send("GET", "health")
        #expect(health == 200, "the server lives on")
    }

    @Test(.timeLimit(.minutes(3)), arguments: ServedBackend.allCases)
    func theServerPublishesItsOpenAPIDocument(backend: ServedBackend) async throws {
        guard let server = try await Server.start(backend) else { return }
        defer { server.stop() }
        let (status, document, response) = try await server.send("GET", "openapi.json")
        #expect(status == 200)
        #expect(response.value(forHTTPHeaderField: "content-type") == "application/json")
        #expect(document["openapi"] as? String == "3.1.0")
        #expect((document["paths"] as? [String: Any])?.keys.contains("/orders/{id}/status") == true)
    }

    /// The token with one byte of its signature changed.
    static func forged(_ token: String) -> String {
        var characters = Array(token)
        let index = characters.count - 5
        characters[index] = characters[index] == "A" ? "B" : "A"
        return String(characters)
    }

    /// The key id and claims of a valid access token like `accessToken`, and the key that signs such tokens when the
    /// test can have it: the local issuer's, from the data folder. On aws the key stays Cognito's (`nil`), and the
    /// key id and claims are read from `accessToken` itself.
    static func signingKeys(_ server: Server, accessToken: String) throws -> (
        key: _RSA.Signing.PrivateKey?, id: String, claims: [String: Any?]
    ) {
        switch server.backend {
        case .local:
            let identity = server.data + "/identity"
            let pem = try String(contentsOfFile: identity + "/signing-key.pem", encoding: .utf8)
            let claims: [String: Any?] = [
                "iss": LocalTokenIssuer.issuer, "client_id": LocalTokenIssuer.clientID, "scope": nil,
                "cognito:groups": nil,
            ]
            return (
                try _RSA.Signing.PrivateKey(pemRepresentation: pem), try LocalTokenIssuer(directory: identity).keyID,
                claims
            )
        case .aws:
            let parts = accessToken.split(separator: ".").map(String.init)
            try #require(parts.count == 3)
            let header = try Self.jsonObject(base64URL: parts[0])
            let claims = try Self.jsonObject(base64URL: parts[1])
            return (nil, try #require(header["kid"] as? String), claims.mapValues { $0 })
        }
    }

    /// The JSON object a part of a JWT encodes.
    static func jsonObject(base64URL text: String) throws -> [String: Any] {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        let data = try #require(Data(base64Encoded: base64))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}
