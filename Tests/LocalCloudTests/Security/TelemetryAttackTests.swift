import Foundation
import StratusTesting
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Attacks on what `stratus serve` exposes of its telemetry, against a real process: reading `/_stratus/` without
/// the admin token, with a wrong one, or from a page of another site (DNS rebinding: a foreign `Host`); looking for
/// tokens and personal data in what a login and a profile request leave in the traces, the logs and the files; and
/// the modes of the files it writes.
@Suite("Telemetry attacks", .serialized)
struct TelemetryAttackTests {
    /// The admin token the `stratus serve` on `dataDirectory` saved.
    static func adminToken(dataDirectory: String) throws -> String {
        try String(contentsOfFile: dataDirectory + "/admin-token", encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines)
    }

    /// Sends `GET path` over a plain socket to 127.0.0.1:`port` with exactly `headers` (URLSession would write its own
    /// `Host`), and answers the status and the body.
    static func rawGET(port: Int, _ path: String, headers: [String]) async throws -> (Int, String) {
        let request = (["GET \(path) HTTP/1.1"] + headers + ["Connection: close", "", ""]).joined(separator: "\r\n")
        let text = try await RawTCPConnection.answer(to: request, port: port, timeout: .seconds(10))
        let status = text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? 0
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }

    /// Starts `stratus serve` on free ports with `arguments`, reads what it prints up to its "Stratus local cloud on"
    /// line, and stops it.
    static func banner(_ arguments: [String], dataDirectory: String) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: TestEnvironment.stratus)
        process.arguments = ["serve", "--port", "0", "--xray-port", "0", "--data-dir", dataDirectory] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        let banner = await StratusServe.banner(of: output)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return banner
    }

    @Test(.timeLimit(.minutes(1))) func theTelemetryAPIRefusesNoTokenAWrongTokenAndAForeignHost() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let (process, url, _) = try await StratusServe.start(
            dataDirectory: data, arguments: ["--allowed-host", "stratus.test"])
        defer { if process.isRunning { process.terminate() } }
        let port = try #require(url.port)
        let token = try Self.adminToken(dataDirectory: data)
        #expect(token.count == 64)

        let traces = URL(string: url.absoluteString + "/_stratus/api/traces")!
        let (anonymous, problem, refusal) = try await StratusServe.send("GET", traces, token: nil)
        #expect(anonymous == 401)
        #expect(
            problem["status"] as? Int == 401 && problem["title"] is String && problem["detail"] is String
                && problem["requestId"] is String)
        #expect(refusal.value(forHTTPHeaderField: "www-authenticate")?.hasPrefix("Bearer") == true)
        #expect(try await StratusServe.send("GET", traces, token: token + "0").0 == 401)
        #expect(try await StratusServe.send("GET", traces, token: String(token.dropLast())).0 == 401)
        #expect(try await StratusServe.send("GET", traces, token: "").0 == 401)
        #expect(
            try await StratusServe.send("GET", URL(string: traces.absoluteString + "?token=wrong")!, token: nil).0
                == 401)
        #expect(
            try await StratusServe.send("GET", URL(string: url.absoluteString + "/_stratus/")!, token: nil).0
                == 401)
        #expect(try await StratusServe.send("GET", traces, token: token).0 == 200)
        #expect(
            try await StratusServe.send("GET", URL(string: traces.absoluteString + "?token=\(token)")!, token: nil)
                .0 == 200)

        // DNS rebinding: a page of evil.example whose name now resolves to 127.0.0.1, even holding the token.
        for host in ["evil.example", "evil.example:\(port)", "127.0.0.1.evil.example:\(port)"] {
            let (status, body) = try await Self.rawGET(
                port: port, "/_stratus/api/traces", headers: ["Host: \(host)", "Authorization: Bearer \(token)"])
            #expect(status == 421, "\(host)")
            #expect(body.contains(#""status":421"#) && body.contains(#""requestId""#) && !body.contains(token))
        }
        #expect(try await Self.rawGET(port: port, "/_stratus/api/traces", headers: ["Host: evil.example"]).0 == 421)
        #expect(
            try await Self.rawGET(port: port, "/_stratus/api/traces", headers: ["Authorization: Bearer \(token)"]).0
                == 421, "no Host")
        for host in ["localhost:\(port)", "[::1]:\(port)", "stratus.test:\(port)"] {
            #expect(
                try await Self.rawGET(
                    port: port, "/_stratus/api/traces", headers: ["Host: \(host)", "Authorization: Bearer \(token)"]
                ).0 == 200, "\(host)")
        }
        #expect(
            try await Self.rawGET(port: port, "/health", headers: ["Host: evil.example"]).0 == 200,
            "the functions' API is not the telemetry's")
    }

    @Test(.timeLimit(.minutes(1))) func theTokenIsNewEachRunOrTheOneGivenAndPrintedOnce() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let first = try await Self.banner([], dataDirectory: data)
        let firstToken = try Self.adminToken(dataDirectory: data)
        #expect(first.components(separatedBy: firstToken).count == 2, "printed once:\n\(first)")
        #expect(first.contains("/_stratus/api/functions?token=\(firstToken)"))
        #expect(!first.contains("Warning"), "loopback is not warned about")
        _ = try await Self.banner([], dataDirectory: data)
        #expect(try Self.adminToken(dataDirectory: data) != firstToken, "a new token each run")

        let given = "given-admin-token-0123456789"
        let (process, url, _) = try await StratusServe.start(
            dataDirectory: data, arguments: ["--admin-token", given])
        defer { if process.isRunning { process.terminate() } }
        #expect(try Self.adminToken(dataDirectory: data) == given)
        let traces = URL(string: url.absoluteString + "/_stratus/api/traces")!
        #expect(try await StratusServe.send("GET", traces, token: given).0 == 200)
        #expect(try await StratusServe.send("GET", traces, token: firstToken).0 == 401)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()

        let fromEnvironment = "environment-admin-token-0123456789"
        let (second, secondURL, _) = try await StratusServe.start(
            dataDirectory: data, environment: ["STRATUS_ADMIN_TOKEN": fromEnvironment])
        defer { if second.isRunning { second.terminate() } }
        #expect(
            try await StratusServe.send(
                "GET", URL(string: secondURL.absoluteString + "/_stratus/api/traces")!, token: fromEnvironment
            ).0 == 200)
        kill(second.processIdentifier, SIGTERM)
        second.waitUntilExit()

        let short = try await runToCompletion(
            TestEnvironment.stratus, ["serve", "--port", "0", "--data-dir", data, "--admin-token", "short"])
        #expect(short.status != 0 && short.errorText.contains("--admin-token"))
    }

    /// A second `serve` on the same folder that cannot start (its port is taken) leaves the running one's token in
    /// place, so that `stratus logs` and `stratus traces` keep reaching the server that runs.
    @Test(.timeLimit(.minutes(1))) func aServeThatCannotStartKeepsTheRunningOnesToken() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let (process, url, _) = try await StratusServe.start(dataDirectory: data)
        defer { if process.isRunning { process.terminate() } }
        let token = try String(contentsOfFile: data + "/admin-token", encoding: .utf8)
        let port = try #require(url.port)
        let second = try await runToCompletion(
            TestEnvironment.stratus, ["serve", "--port", String(port), "--xray-port", "0", "--data-dir", data],
            mergingErrors: true)
        #expect(second.status != 0, "\(second.outputText)")
        #expect(try String(contentsOfFile: data + "/admin-token", encoding: .utf8) == token)
    }

    @Test(.timeLimit(.minutes(1))) func aNonLoopbackHostIsWarnedAbout() async throws {
        let directory = try TemporaryDirectory()
        let banner = try await Self.banner(["--host", "0.0.0.0"], dataDirectory: directory.path("data"))
        let warning = try #require(
            banner.split(separator: "\n").first { $0.hasPrefix("Warning: --host 0.0.0.0 is not a loopback address") })
        for reachable in ["API", "/.well-known/jwks.json", "telemetry API", "admin token", "--allowed-host"] {
            #expect(warning.contains(reachable), "\(reachable) not in: \(warning)")
        }
    }

    @Test(.timeLimit(.minutes(2))) func aLoginTraceAndAProfileTraceKeepNoTokenAndNoPersonalData() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path(".stratus")
        let (process, url, _) = try await StratusServe.start(
            dataDirectory: data, arguments: ["--trace-reservoir", "1000", "--trace-rate", "1"])
        defer { if process.isRunning { process.terminate() } }
        let adminToken = try Self.adminToken(dataDirectory: data)
        func send(
            _ method: String, _ path: String, token: String? = nil, body: String? = nil, headers: [String: String] = [:]
        ) async throws -> (Int, [String: Any], HTTPURLResponse) {
            try await StratusServe.send(
                method, url.appendingPathComponent(path), token: token, body: body, headers: headers)
        }
        func traceID(_ response: HTTPURLResponse) throws -> String {
            try #require(
                response.value(forHTTPHeaderField: "x-amzn-trace-id")?.split(separator: ";").first?.dropFirst(
                    "Root=".count)
            ).description
        }
        /// The trace's whole answer once the function's own subsegment (sent over UDP) is in it.
        func trace(_ id: String, function: String) async throws -> String {
            let target = URL(string: url.absoluteString + "/_stratus/api/traces/\(id)")!
            return try await eventually { () -> String? in
                var request = URLRequest(url: target)
                request.setValue("Bearer \(adminToken)", forHTTPHeaderField: "authorization")
                let (body, response) = try await URLSession.shared.data(for: request)
                let text = String(decoding: body, as: UTF8.self)
                return (response as? HTTPURLResponse)?.statusCode == 200 && text.contains("## \(function) response")
                    ? text : nil
            }
        }

        let email = "ada.lovelace@example.com"
        let password = "Correct-Horse-7"
        #expect(
            try await send(
                "POST", "auth/register", body: #"{"email":"\#(email)","password":"\#(password)","name":"Ada"}"#
            ).0 == 201)
        let (loggedIn, tokens, login) = try await send(
            "POST", "auth/login", body: #"{"email":"\#(email)","password":"\#(password)"}"#)
        #expect(loggedIn == 200)
        let secrets = try ["accessToken", "idToken", "refreshToken"].map { try #require(tokens[$0] as? String) }
        let accessToken = secrets[0]
        let phone = "+14155550123"
        let street = "12 Rue de Rivoli"
        let (updated, _, _) = try await send(
            "PUT", "users/me", token: accessToken,
            body:
                #"{"name":"Ada Lovelace","phone":"\#(phone)","address":{"line1":"\#(street)","city":"Paris","postalCode":"75001","country":"FR"}}"#,
            headers: ["if-match": "\"1\""])
        #expect(updated == 200)
        let (read, profile, profileResponse) = try await send("GET", "users/me", token: accessToken)
        #expect(read == 200 && profile["phone"] as? String == phone)

        let loginTrace = try await trace(try traceID(login), function: "auth")
        let profileTrace = try await trace(try traceID(profileResponse), function: "users")
        let forbidden = secrets + [password, email, phone, street, "Ada Lovelace"]
        for (name, text) in [("login trace", loginTrace), ("profile trace", profileTrace)] {
            #expect(!text.isEmpty)
            for secret in forbidden {
                #expect(!text.contains(secret), "\(secret) is in the \(name)")
            }
        }
        #expect(loginTrace.contains(#""accessToken":"[REDACTED]""#), "the shape of the answer stays:\n\(loginTrace)")
        #expect(profileTrace.contains(#""userId""#))

        // Nor in the logs, nor in the files the telemetry store wrote (the database and its WAL).
        let logsURL = URL(string: url.absoluteString + "/_stratus/api/logs?limit=10000")!
        let logs = try await StratusServe.send("GET", logsURL, token: adminToken)
        #expect(logs.0 == 200)
        let logText = String(decoding: try JSONSerialization.data(withJSONObject: logs.1), as: UTF8.self)
        for secret in secrets + [password] {
            #expect(!logText.contains(secret), "\(secret) is in the logs")
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(
            FileManager.default.fileExists(atPath: data + "/telemetry.sqlite"), "the store the telemetry was kept in")
        // The write-ahead log is folded into the database at a clean stop, so it may be gone by now.
        for file in ["telemetry.sqlite", "telemetry.sqlite-wal"] {
            guard let bytes = FileManager.default.contents(atPath: data + "/" + file) else { continue }
            for secret in secrets + [phone, street] {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(secret) is in \(file)")
            }
        }
    }

    @Test(.timeLimit(.minutes(1))) func theCLIFindsTheTokenInTheDataFolderWithoutAFlag() async throws {
        let directory = try TemporaryDirectory()
        let (process, url, _) = try await StratusServe.start(dataDirectory: directory.path(".stratus"))
        defer { if process.isRunning { process.terminate() } }
        _ = try await StratusServe.send("GET", url.appendingPathComponent("health"), token: nil)

        let traces = try await runToCompletion(
            TestEnvironment.stratus, ["traces", "--endpoint", url.absoluteString], currentDirectory: directory.url)
        #expect(traces.status == 0, "\(traces.errorText)")
        let logs = try await runToCompletion(
            TestEnvironment.stratus, ["logs", "--endpoint", url.absoluteString], currentDirectory: directory.url)
        #expect(logs.status == 0, "\(logs.errorText)")
        let elsewhere = try TemporaryDirectory()
        let refused = try await runToCompletion(
            TestEnvironment.stratus, ["traces", "--endpoint", url.absoluteString], currentDirectory: elsewhere.url)
        #expect(refused.status != 0 && refused.errorText.contains("admin token"), "\(refused.errorText)")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    @Test(.timeLimit(.minutes(1))) func everyFileServeWritesIsItsOwnersAloneEvenInALooseFolder() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let manager = FileManager.default
        // A folder left by an older version, or copied: readable by everyone.
        try manager.createDirectory(
            atPath: data + "/identity", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: data)
        #expect(
            manager.createFile(
                atPath: data + "/notifications.log", contents: Data(), attributes: [.posixPermissions: 0o644]))
        let (process, url, _) = try await StratusServe.start(dataDirectory: data)
        defer { if process.isRunning { process.terminate() } }
        #expect(
            try await StratusServe.send(
                "POST", url.appendingPathComponent("auth/register"), token: nil,
                body: #"{"email":"ada@example.com","password":"Correct-Horse-7","name":"Ada"}"#
            ).0 == 201)
        #expect(
            try await StratusServe.send(
                "POST", url.appendingPathComponent("auth/forgot-password"), token: nil,
                body: #"{"email":"ada@example.com"}"#
            ).0 == 202)
        #expect(
            try await StratusServe.send(
                "GET", URL(string: url.absoluteString + "/_stratus/api/logs")!,
                token: try Self.adminToken(dataDirectory: data)
            ).0 == 200)

        // While it runs, so that the SQLite files' -wal and -shm files exist.
        var seen: [String] = []
        var loose: [String] = []
        let root = try manager.attributesOfItem(atPath: data)[.posixPermissions] as? Int
        if root != 0o700 { loose.append(". \(String(root ?? 0, radix: 8))") }
        for case let name as String in manager.enumerator(atPath: data)! {
            let attributes = try manager.attributesOfItem(atPath: data + "/" + name)
            let mode = (attributes[.posixPermissions] as? Int) ?? 0
            let expected = attributes[.type] as? FileAttributeType == .typeDirectory ? 0o700 : 0o600
            seen.append(name)
            if mode != expected { loose.append("\(name) \(String(mode, radix: 8))") }
        }
        #expect(loose.isEmpty, "not the owner's alone: \(loose)")
        for expected in [
            "store.sqlite", "store.sqlite-wal", "store.sqlite-shm", "telemetry.sqlite", "telemetry.sqlite-wal",
            "telemetry.sqlite-shm",
            "identity", "identity/directory.sqlite", "identity/directory.sqlite-wal", "identity/signing-key.pem",
            "notifications.log", "admin-token",
        ] {
            #expect(seen.contains(expected), "\(expected) not among \(seen.sorted())")
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }
}
