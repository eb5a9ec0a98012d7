import Foundation
import HTTPTypes
import LocalCloud
import Testing

/// Who `/_stratus/` answers: requests naming this server in `Host` and carrying the admin token.
@Suite struct TelemetryAccessTests {
    static let token = TelemetryAPITests.adminToken

    static func status(
        _ headers: [(name: String, value: String)], query: String = "", path: String = "/_stratus/api/traces",
        access: TelemetryAccess = TelemetryAPITests.access
    ) async throws -> (Int, GatewayResponse) {
        let api = TelemetryAPI(
            recorder: try TelemetryAPITests.recorder(), functions: [], access: access,
            nowMilliseconds: { TelemetryAPITests.now })
        let response = try await api.answer(
            GatewayRequest(
                method: .get, path: path, rawQueryString: query,
                headers: HTTPFields(headers.map { HTTPField(name: HTTPField.Name($0.name)!, value: $0.value) })))
        return (response.status.code, response)
    }

    @Test func theTokenIsAskedForAsABearerOrAQueryParameterAndComparedWhole() async throws {
        let host = (name: "Host", value: "127.0.0.1:3000")
        #expect(try await Self.status([host, ("authorization", "Bearer \(Self.token)")]).0 == 200)
        #expect(try await Self.status([host, ("Authorization", "bearer \(Self.token)")]).0 == 200)
        #expect(try await Self.status([host], query: "since=1h&token=\(Self.token)").0 == 200)
        for refused in [
            [host], [host, ("authorization", "Bearer \(Self.token)x")],
            [host, ("authorization", "Bearer " + Self.token.dropLast())],
            [host, ("authorization", Self.token)], [host, ("authorization", "Basic \(Self.token)")],
            [host, ("authorization", "Bearer ")],
        ] {
            let (status, response) = try await Self.status(refused)
            #expect(status == 401, "\(refused)")
            #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
            let problem = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
            #expect(
                problem["status"] as? Int == 401 && problem["title"] is String && problem["detail"] is String
                    && problem["requestId"] is String)
            #expect(
                !String(decoding: response.body, as: UTF8.self).contains(Self.token), "a refusal never shows the token")
        }
        #expect(try await Self.status([host], query: "token=wrong").0 == 401)
        #expect(
            try await Self.status([host], path: "/_stratus/dashboard").0 == 401,
            "every path under /_stratus/ is guarded")
    }

    @Test func onlyThisServersHostNamesAreAnswered() async throws {
        let bearer = (name: "Authorization", value: "Bearer \(Self.token)")
        for host in ["127.0.0.1", "127.0.0.1:3000", "localhost:3000", "LOCALHOST", "localhost.", "[::1]:3000", "[::1]"]
        {
            #expect(try await Self.status([("Host", host), bearer]).0 == 200, "\(host)")
        }
        for host in [
            "evil.example", "evil.example:3000", "127.0.0.1.evil.example", "localhost.evil.example:3000", "[::2]:3000",
            "",
            "[::1]evil.example", "localhost:x@evil.example", "localhost:", "127.0.0.1:3000:80", "localhost:３０００",
        ] {
            let (status, response) = try await Self.status([("Host", host), bearer])
            #expect(status == 421, "\(host)")
            #expect(String(decoding: response.body, as: UTF8.self).contains(#""status":421"#))
        }
        #expect(try await Self.status([bearer]).0 == 421, "no Host at all")
        #expect(try await Self.status([("Host", "evil.example")]).0 == 421, "the host is checked before the token")

        let wider = TelemetryAccess(adminToken: Self.token, serverHost: "0.0.0.0", allowedHosts: ["Stratus.Local"])
        #expect(try await Self.status([("Host", "stratus.local:3000"), bearer], access: wider).0 == 200)
        #expect(try await Self.status([("Host", "0.0.0.0:3000"), bearer], access: wider).0 == 200)
        #expect(try await Self.status([("Host", "evil.example"), bearer], access: wider).0 == 421)
        let ipv6 = TelemetryAccess(adminToken: Self.token, serverHost: "::1")
        #expect(ipv6.allowedHosts.contains("[::1]"))
    }

    @Test func newTokensAreLongAndDifferent() {
        let tokens = (0..<20).map { _ in TelemetryAccess.newAdminToken() }
        #expect(Set(tokens).count == 20)
        #expect(tokens.allSatisfy { $0.count == 64 && $0.allSatisfy(\.isHexDigit) })
    }
}
