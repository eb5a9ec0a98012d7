import App
import ArgumentParser
import Cloud
import Foundation
import Hummingbird
import LocalCloud
import Logging
import Middleware
import Observability

/// `stratus serve`: the whole system on this machine, behind a local API gateway.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run every function behind a local API gateway, with the data kept in --data-dir.",
        discussion: """
            Stops cleanly on Ctrl-C or SIGTERM. Function logs go to standard error, and with the invocations, metrics \
            and traces to the telemetry store in --data-dir, read through /_stratus/api/, `stratus logs` and \
            `stratus traces`. AWS SDKs and the AWS CLI reach the local queues (SQS) and the local bus (EventBridge) \
            with AWS_ENDPOINT_URL=http://127.0.0.1:3000/_aws; requests must be SigV4-signed, with any credentials. \
            /_stratus/ answers only requests carrying the run's admin token (--admin-token, \
            STRATUS_ADMIN_TOKEN, or a new one each run, kept in --data-dir/admin-token for the CLI) whose Host is this \
            server's (127.0.0.1, localhost, [::1], --host or an --allowed-host). Files in --data-dir are its owner's alone.

            With --backend aws the functions run on the resources `stratus provision` recorded in --data-dir, through \
            the AWS clients, at the recorded endpoint or --endpoint (credentials from the environment, e.g. \
            AWS_ACCESS_KEY_ID=testing for moto): the table, the user pool (whose access tokens the gateway accepts), \
            the buses and their rules, the SQS queues the queue triggers poll, and the table's stream, which the \
            outbox relay reads. Telemetry and the notification log stay in --data-dir; there is no /_aws endpoint.
            """
    )

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on; 0 picks a free one.")
    var port = 3000

    @Option(name: .customLong("data-dir"), help: "Where the local cloud keeps its data.")
    var dataDirectory = ".stratus"

    @Option(
        name: .customLong("cors-origin"),
        help: "A browser origin allowed to call the API, e.g. http://localhost:5173 (repeatable).")
    var corsOrigins: [String] = []

    @Option(
        name: .customLong("xray-port"),
        help: "The UDP port of the local X-Ray daemon the functions send segments to; 0 picks a free one.")
    var xrayPort = 2000

    @Option(name: .customLong("trace-reservoir"), help: "New traces per second that are always sampled.")
    var traceReservoir = 1

    @Option(name: .customLong("trace-rate"), help: "The fraction (0 to 1) of the other new traces that are sampled.")
    var traceRate = 0.05

    @Option(name: .long, help: "How long logs, metrics and traces are kept: 30m, 24h, 7d.")
    var retention = "24h"

    @Option(
        name: .customLong("idle-timeout"), help: "How long a connection may send nothing before it is closed: 30s, 5m.")
    var idleTimeout = "\(GatewayServer.defaultIdleTimeout.components.seconds)s"

    @Option(
        name: .customLong("admin-token"),
        help:
            "The secret /_stratus/ asks for; a new one each run without it. STRATUS_ADMIN_TOKEN is safer (not shown by ps)."
    )
    var adminToken: String?

    @Option(
        name: .customLong("allowed-host"),
        help:
            "Another name /_stratus/ and /_aws may be reached by, besides 127.0.0.1, localhost, [::1] and --host (repeatable)."
    )
    var allowedHosts: [String] = []

    @Option(
        name: .customLong("access-token-minutes"),
        help:
            "How long the local identity provider's access and id tokens are valid, 5 to 1440 minutes, 60 by default (they stay valid until then, after a sign-out too, as on AWS). Not with --backend aws, where the user pool's app client decides."
    )
    var accessTokenMinutes: Int?

    /// How long the local identity provider's tokens are valid without `--access-token-minutes`.
    static let defaultAccessTokenMinutes = 60

    @Option(
        name: .customLong("max-event-deferral"),
        help:
            "How long the outbox relay may hold events back while the gateway is saturated (four or more requests in flight at once, until it answers fewer than two at once on average over 10 ms), so that they do not slow the burst that set them off: 0s to 10m, 15s by default; 0s never holds them. Not with --backend aws."
    )
    var maxEventDeferral: String?

    /// The longest `--max-event-deferral` takes: 10 minutes.
    static let longestEventDeferralMilliseconds: Int64 = 600_000

    @OptionGroup var backend: BackendOptions

    @Flag(name: .customLong("insecure-fast-password-hashing"), help: .hidden)
    var fastPasswordHashing = false

    /// How often expired items are purged from the store.
    static let purgeInterval = Duration.seconds(60)

    func validate() throws {
        guard (0...65_535).contains(self.port) else {
            throw ValidationError("--port must be between 0 and 65535, not \(self.port)")
        }
        guard (0...65_535).contains(self.xrayPort) else {
            throw ValidationError("--xray-port must be between 0 and 65535, not \(self.xrayPort)")
        }
        guard self.traceReservoir >= 0 else {
            throw ValidationError("--trace-reservoir must be 0 or more, not \(self.traceReservoir)")
        }
        guard (0...1).contains(self.traceRate) else {
            throw ValidationError("--trace-rate must be between 0 and 1, not \(self.traceRate)")
        }
        if let minutes = self.accessTokenMinutes {
            guard (5...1440).contains(minutes) else {
                throw ValidationError("--access-token-minutes must be between 5 and 1440, not \(minutes)")
            }
            guard self.backend.backend == .local else {
                throw ValidationError(
                    "--access-token-minutes sets the local identity provider's tokens; with --backend aws the user pool's app client decides how long they are valid"
                )
            }
        }
        if let deferral = self.maxEventDeferral {
            guard let milliseconds = TimeParameter.spanMilliseconds(deferral),
                milliseconds <= Self.longestEventDeferralMilliseconds
            else {
                throw ValidationError("--max-event-deferral must be a span from 0s to 10m such as 15s, not \(deferral)")
            }
            guard self.backend.backend == .local else {
                throw ValidationError(
                    "--max-event-deferral holds back the local outbox relay; with --backend aws the table's stream feeds the relay"
                )
            }
        }
        guard let retention = TimeParameter.spanMilliseconds(self.retention), retention > 0 else {
            throw ValidationError("--retention must be a span such as 30m, 24h or 7d, not \(self.retention)")
        }
        guard let idleTimeout = TimeParameter.spanMilliseconds(self.idleTimeout), idleTimeout > 0 else {
            throw ValidationError("--idle-timeout must be a span such as 30s or 5m, not \(self.idleTimeout)")
        }
        if let token = self.givenAdminToken,
            token.count < Self.minimumAdminTokenLength || token.contains(where: \.isWhitespace)
        {
            throw ValidationError(
                "--admin-token (or STRATUS_ADMIN_TOKEN) must be at least \(Self.minimumAdminTokenLength) characters without spaces"
            )
        }
        if let host = self.allowedHosts.first(where: { !Self.isHostName($0) }) {
            throw ValidationError(
                "--allowed-host must be a host name or address without a port, scheme or path (such as my-laptop.local), not \(host)"
            )
        }
    }

    /// Whether `name` is what a `Host` header names before its port: a DNS name or IPv4 address (letters, digits,
    /// `-` and `.`, at most 253 characters), or an IPv6 address in brackets.
    static func isHostName(_ name: String) -> Bool {
        guard (1...253).contains(name.utf8.count) else { return false }
        if name.hasPrefix("[") {
            return name.hasSuffix("]")
                && name.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        return name.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "." }
    }

    /// The shortest admin token accepted from the command line or the environment.
    static let minimumAdminTokenLength = 16

    /// The admin token of `--admin-token`, else of `STRATUS_ADMIN_TOKEN`.
    private var givenAdminToken: String? {
        self.adminToken ?? LocalDataDirectory.environmentAdminToken()
    }

    func run() async throws {
        let manifest = ReferenceApp.manifest
        try manifest.validate()
        let aws = try self.backend.aws(dataDirectory: self.dataDirectory).map(AWSServedCloud.init)
        let dataDirectory = LocalDataDirectory(path: self.dataDirectory)
        try dataDirectory.restrictToOwner()
        let adminToken = self.givenAdminToken ?? TelemetryAccess.newAdminToken()
        let recorder = TelemetryRecorder(
            store: try dataDirectory.openTelemetryStore(),
            retention: .milliseconds(TimeParameter.spanMilliseconds(self.retention) ?? 86_400_000)
        )
        let daemon: XRayDaemonListener
        do {
            daemon = try await XRayDaemonListener.start(port: self.xrayPort, recorder: recorder)
        } catch {
            throw CommandLineError(
                "Cannot listen for X-Ray segments on UDP port \(self.xrayPort) (another stratus serve?); pick another with --xray-port: \(error)"
            )
        }
        let sampler = TraceSampler(reservoirPerSecond: self.traceReservoir, fixedRate: self.traceRate)
        let tracing = QueuePollerTracing(emitter: recorder, sampler: sampler)
        let served: ServedCloud
        do {
            if let aws {
                served = try await self.served(
                    on: aws, manifest: manifest, dataDirectory: dataDirectory, tracing: tracing)
            } else {
                served = try self.servedLocally(
                    dataDirectory: dataDirectory, tracer: XRayTracer(emitter: recorder), tracing: tracing)
            }
        } catch {
            await daemon.close()
            throw error
        }
        let ports = served.ports.traced(by: XRayTracer(emitter: recorder), tableName: served.tableName)
        let openAPI = try await OpenAPICommand.document(ports: ports, serverURL: nil, pretty: false)
        var environment = Self.functionEnvironment(ProcessInfo.processInfo.environment)
        environment["AWS_XRAY_DAEMON_ADDRESS"] = daemon.address()
        let cors = self.corsOrigins.isEmpty ? nil : CORSConfiguration(allowedOrigins: self.corsOrigins)
        let gateway = APIGateway(
            manifest: manifest,
            ports: ports,
            environment: environment,
            logSink: StandardErrorLogSink(),
            authorizer: served.authorizer,
            cors: cors,
            recorder: recorder,
            tracing: GatewayTracing(emitter: recorder, sampler: sampler)
        )
        Self.print(ManifestTables(manifest: manifest, runsTableStreams: aws != nil).rendered)
        let host = self.host
        if let warning = Self.exposureWarning(host: host) { Self.print(warning) }
        let telemetryAPI = TelemetryAPI(
            recorder: recorder, functions: manifest.functions.map(\.name),
            access: TelemetryAccess(adminToken: adminToken, serverHost: host, allowedHosts: self.allowedHosts)
        )
        let tokenPath = dataDirectory.adminTokenPath
        let functions = FunctionInstanceInvoker(instances: gateway.functionInstances, recorder: recorder)
        let eventSources: ServedEventSources
        do {
            eventSources = try await served.eventSources(functions, gateway.load)
        } catch {
            await gateway.shutdown()
            await daemon.close()
            throw error
        }
        let localRoutes = LocalCloudRoutes(
            publicDocuments: served.publicDocuments.merging(["/openapi.json": openAPI]) { _, new in new },
            cors: cors,
            telemetryAPI: telemetryAPI,
            awsEndpoint: eventSources.awsServices.map {
                AWSJSONEndpoint(services: $0, allowedHosts: telemetryAPI.access.allowedHosts)
            },
            queueStatistics: eventSources.queueStatistics,
            busActivity: eventSources.busActivity
        )
        let dataDescription = served.dataDescription
        let server = GatewayServer(
            gateway: gateway, localRoutes: localRoutes, host: host, port: self.port,
            idleTimeout: .milliseconds(TimeParameter.spanMilliseconds(self.idleTimeout) ?? 0))
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await recorder.run() }
            group.addTask { await eventSources.run() }
            if let maintenance = served.maintenance {
                group.addTask {
                    while true {
                        try? await Task.sleep(for: Self.purgeInterval)
                        guard !Task.isCancelled else { return }
                        await maintenance()
                    }
                }
            }
            try await server.run(logger: Logger(label: "stratus.serve") { _ in SwiftLogNoOpLogHandler() }) {
                [daemon] port in
                // Saved only once this server listens, so that a second serve on the folder that cannot start does not
                // replace the token of the one running.
                do {
                    try dataDirectory.saveAdminToken(adminToken)
                } catch {
                    Self.print(
                        "Warning: \(error); stratus logs and stratus traces need --data-dir's token from STRATUS_ADMIN_TOKEN"
                    )
                }
                Self.print("X-Ray daemon on udp://\(daemon.address())")
                if eventSources.awsServices != nil {
                    Self.print(
                        "AWS endpoint for SQS and EventBridge on http://\(host):\(port)/_aws (AWS_ENDPOINT_URL; queues in \(dataDirectory.queuesPath))"
                    )
                }
                Self.print(
                    "Telemetry on http://\(host):\(port)\(TelemetryAPI.pathPrefix)functions?\(TelemetryAccess.tokenParameter)=\(adminToken) (admin token in \(tokenPath))"
                )
                Self.print("Stratus local cloud on http://\(host):\(port) (\(dataDescription))")
            }
            group.cancelAll()
        }
        await gateway.shutdown()
        await daemon.close()
        try? await recorder.flush()
        Self.print("Stratus local cloud stopped")
    }

    /// The data folder's local cloud: the SQLite store, the local identity provider and its token issuer, the
    /// notification log and the secrets file, with the local queues, bus, relay, pollers and scheduler.
    private func servedLocally(
        dataDirectory: LocalDataDirectory, tracer: XRayTracer, tracing: QueuePollerTracing
    ) throws -> ServedCloud {
        let store = try dataDirectory.openStore()
        let issuer = try dataDirectory.tokenIssuer()
        let directory = try dataDirectory.openIdentityDirectory()
        let notifications = dataDirectory.notificationLog
        let identity = dataDirectory.identityProvider(
            directory: directory, issuer: issuer, notifications: notifications,
            hashing: self.fastPasswordHashing ? .insecureFast : .standard,
            tokenLifetime: .seconds((self.accessTokenMinutes ?? Self.defaultAccessTokenMinutes) * 60))
        let ports = CloudPorts(
            store: store, identity: identity, clock: dataDirectory.clock, notifier: notifications,
            secrets: dataDirectory.secretStore)
        return ServedCloud(
            ports: ports, tableName: Self.tableName, authorizer: issuer.authorizer,
            publicDocuments: ["/.well-known/jwks.json": try issuer.jwksDocument()],
            dataDescription: "data in \(dataDirectory.storePath)",
            maintenance: {
                _ = try? await store.purgeExpiredItems()
                _ = try? await directory.purgeExpiredItems()
            },
            eventSources: { functions, gatewayLoad in
                let queues = try dataDirectory.openQueues()
                let bus = try dataDirectory.openEventBus(queues: queues, functions: functions, tracer: tracer)
                let backbone: LocalEventBackbone
                do {
                    backbone = try LocalEventBackbone(
                        manifest: ReferenceApp.manifest, store: store, queues: queues, bus: bus, functions: functions,
                        scheduleHistory: try ScheduleHistory(path: dataDirectory.scheduleHistoryPath),
                        tracing: tracing, relayYielding: self.relayYielding(to: gatewayLoad), clock: dataDirectory.clock
                    )
                    try await backbone.provision()
                } catch {
                    throw CommandLineError("Cannot set up the manifest's queues, buses, rules and schedules: \(error)")
                }
                return ServedEventSources(
                    run: { await backbone.run() }, awsServices: [.sqs(queues: queues), .eventBridge(bus: bus)],
                    queueStatistics: QueueStatisticsAPI(queues: queues), busActivity: BusActivityAPI(feed: bus.activity)
                )
            })
    }

    /// How the local relay yields to `load` (`--max-event-deferral`); `nil` when it never holds events back.
    private func relayYielding(to load: GatewayLoad) -> OutboxRelay.Yielding? {
        guard let deferral = self.maxEventDeferral else { return OutboxRelay.Yielding(to: load) }
        let milliseconds = TimeParameter.spanMilliseconds(deferral) ?? 0
        return milliseconds == 0 ? nil : OutboxRelay.Yielding(to: load, maximumDelay: .milliseconds(milliseconds))
    }

    /// The resources `stratus provision` recorded, reached through the AWS adapters (``AWSServedCloud``).
    private func served(
        on aws: AWSServedCloud, manifest: AppManifest, dataDirectory: LocalDataDirectory, tracing: QueuePollerTracing
    ) async throws -> ServedCloud {
        let resources = aws.backend.resources
        return ServedCloud(
            ports: aws.ports(for: manifest, notifier: dataDirectory.notificationLog, clock: dataDirectory.clock),
            tableName: resources.table.name, authorizer: try await aws.authorizer(), publicDocuments: [:],
            dataDescription: "backend aws at \(aws.backend.connection.endpoint): table \(resources.table.name), "
                + "user pool \(resources.userPool.id), bus \(aws.appBusName(of: manifest))",
            maintenance: nil,
            eventSources: { functions, _ in
                let sources = try aws.eventSources(
                    of: manifest, functions: functions, dataDirectory: dataDirectory, tracing: tracing)
                return ServedEventSources(run: { await sources.run() })
            })
    }

    /// The table name the store's trace subsegments carry.
    static let tableName = "stratus"

    private static func print(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// The warning printed when `host` is not a loopback address, saying what other machines can then reach; `nil`
    /// for a loopback address.
    static func exposureWarning(host: String) -> String? {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard name != "localhost", name != "::1", !name.hasPrefix("127.") else { return nil }
        return """
            Warning: --host \(host) is not a loopback address: other machines can reach every function's API, \
            /.well-known/jwks.json and /openapi.json, and, to whoever holds the admin token, the telemetry API under \
            /_stratus/ (the logs, metrics and traces of every request) by the names 127.0.0.1, localhost, [::1], \(host) \
            and each --allowed-host
            """
    }

    /// What the functions see of the command's environment: Powertools' settings and Lambda's log level and format, so that
    /// `POWERTOOLS_LOG_LEVEL=DEBUG stratus serve` behaves as the same variables on the functions would on AWS.
    static func functionEnvironment(_ environment: [String: String]) -> [String: String] {
        environment.filter {
            $0.key.hasPrefix("POWERTOOLS_") || $0.key == "AWS_LAMBDA_LOG_LEVEL" || $0.key == "AWS_LAMBDA_LOG_FORMAT"
        }
    }
}
