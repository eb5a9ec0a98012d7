import App
import ArgumentParser
import Cloud
import Foundation
import Hummingbird
import LocalCloud
import Logging

/// `stratus serve`: the whole system on this machine, behind a local API gateway.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run every function behind a local API gateway, with the data kept in --data-dir.",
        discussion: "Stops cleanly on Ctrl-C or SIGTERM. Function logs go to standard error."
    )

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on; 0 picks a free one.")
    var port = 3000

    @Option(name: .customLong("data-dir"), help: "Where the local cloud keeps its data.")
    var dataDirectory = ".stratus"

    @Option(name: .customLong("cors-origin"), help: "A browser origin allowed to call the API, e.g. http://localhost:5173 (repeatable).")
    var corsOrigins: [String] = []

    @Flag(name: .customLong("insecure-fast-password-hashing"), help: .hidden)
    var fastPasswordHashing = false

    /// How often expired items are purged from the store.
    static let purgeInterval = Duration.seconds(60)

    func validate() throws {
        guard (0...65_535).contains(self.port) else {
            throw ValidationError("--port must be between 0 and 65535, not \(self.port)")
        }
    }

    func run() async throws {
        let manifest = ReferenceApp.manifest
        try manifest.validate()
        let dataDirectory = LocalDataDirectory(path: self.dataDirectory)
        let store = try dataDirectory.openStore()
        let storePath = dataDirectory.storePath
        let issuer = try dataDirectory.tokenIssuer()
        let directory = try dataDirectory.openIdentityDirectory()
        let identity = dataDirectory.identityProvider(
            directory: directory, issuer: issuer, hashing: self.fastPasswordHashing ? .insecureFast : .standard)
        let ports = CloudPorts(store: store, identity: identity)
        let openAPI = try await OpenAPICommand.document(ports: ports, serverURL: nil, pretty: false)
        let gateway = APIGateway(
            manifest: manifest,
            ports: ports,
            environment: Self.functionEnvironment(ProcessInfo.processInfo.environment),
            logSink: StandardErrorLogSink(),
            authorizer: issuer.authorizer,
            publicDocuments: ["/.well-known/jwks.json": try issuer.jwksDocument(), "/openapi.json": openAPI],
            cors: self.corsOrigins.isEmpty ? nil : CORSConfiguration(allowedOrigins: self.corsOrigins)
        )
        Self.print(FunctionTable(manifest: manifest).rendered)
        let host = self.host
        let application = GatewayServer(gateway: gateway, host: host, port: self.port).makeApplication(
            logger: Logger(label: "stratus.serve") { _ in SwiftLogNoOpLogHandler() },
            onRunning: { port in
                Self.print("Stratus local cloud on http://\(host):\(port) (data in \(storePath))")
            }
        )
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                while true {
                    try? await Task.sleep(for: Self.purgeInterval)
                    guard !Task.isCancelled else { return }
                    _ = try? store.purgeExpiredItems()
                    _ = try? directory.purgeExpiredItems()
                }
            }
            try await application.runService()
            group.cancelAll()
        }
        await gateway.shutdown()
        Self.print("Stratus local cloud stopped")
    }

    private static func print(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// What the functions see of the command's environment: Powertools' settings and Lambda's log level, so that
    /// `POWERTOOLS_LOG_LEVEL=DEBUG stratus serve` behaves as the same variables on the functions would on AWS.
    static func functionEnvironment(_ environment: [String: String]) -> [String: String] {
        environment.filter { $0.key.hasPrefix("POWERTOOLS_") || $0.key == "AWS_LAMBDA_LOG_LEVEL" }
    }
}
