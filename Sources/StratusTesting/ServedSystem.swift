public import Foundation
import Synchronization

/// The system under test of the end-to-end suites: `stratus serve` on a data folder of its own and free ports, on
/// either backend.
///
/// ```swift
/// guard let served = try await ServedSystem.start(backend) else { return }  // aws without moto, not on CI: skipped
/// defer { served.stop() }
/// ```
///
/// With ``ServedBackend/aws`` it starts a moto server, runs `stratus provision --endpoint` on it into the data folder,
/// gives the rules' targets the whole event (``MotoEventTargets``), and launches `stratus serve --backend aws`, which
/// is given moto's credentials only and finds the endpoint in the record. ``stop()`` stops both, by process id.
public final class ServedSystem: Sendable {
    /// The backend the functions' ports are on.
    public let backend: ServedBackend
    /// The moto server of ``ServedBackend/aws``; `nil` locally.
    public let moto: MotoServer?
    private let directory: TemporaryDirectory
    private let arguments: [String]
    private let server: Mutex<StratusServe.Started>

    private init(
        backend: ServedBackend, moto: MotoServer?, directory: TemporaryDirectory, arguments: [String],
        started: StratusServe.Started
    ) {
        self.backend = backend
        self.moto = moto
        self.directory = directory
        self.arguments = arguments
        self.server = Mutex(started)
    }

    /// The data folder.
    public var data: String { self.directory.path("data") }
    /// The server's base URL now.
    public var url: URL { self.server.withLock { $0.url } }
    /// The start-up listing of the last start.
    public var banner: String { self.server.withLock { $0.banner } }
    /// The server's process now.
    public var process: Process { self.server.withLock { $0.process } }

    /// What a `stratus` command on ``data`` takes to reach this backend: `--backend aws` on moto, nothing locally.
    public var backendArguments: [String] { self.backend == .aws ? ["--backend", "aws"] : [] }
    /// The variables a `stratus` command (or serve) on ``data`` needs: moto's region and dummy credentials, without
    /// its endpoint (the commands find it in the record); nothing locally.
    public var commandEnvironment: [String: String] {
        self.moto.map { moto in moto.environment.filter { $0.key != "AWS_ENDPOINT_URL" } } ?? [:]
    }

    /// Starts the system on `backend`, serve given `arguments` besides the ports, data folder and backend. With
    /// ``ServedBackend/aws``, `provisioned` runs after `stratus provision`, before serve starts (with the data folder
    /// and moto), to change what serve will find. `nil` when the backend is aws, moto is missing and this is not CI.
    public static func start(
        _ backend: ServedBackend, arguments: [String] = [],
        provisioned: @Sendable (_ data: String, _ moto: MotoServer) async throws -> Void = { _, _ in }
    ) async throws -> ServedSystem? {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        switch backend {
        case .local:
            let started = try await StratusServe.launch(dataDirectory: data, arguments: arguments)
            return ServedSystem(
                backend: backend, moto: nil, directory: directory, arguments: arguments, started: started)
        case .aws:
            guard let moto = try await MotoServer.start() else { return nil }
            do {
                let arguments = arguments + ["--backend", "aws"]
                let environment = moto.environment.filter { $0.key != "AWS_ENDPOINT_URL" }
                let provision = try await runToCompletion(
                    TestEnvironment.stratus, ["provision", "--endpoint", moto.endpoint, "--data-dir", data],
                    environment: environment)
                guard provision.status == 0 else { throw StratusServe.StartError(banner: provision.errorText) }
                try await MotoEventTargets.restoreFullEvents(on: moto)
                try await provisioned(data, moto)
                let started = try await StratusServe.launch(
                    dataDirectory: data, arguments: arguments, environment: environment)
                return ServedSystem(
                    backend: backend, moto: moto, directory: directory, arguments: arguments, started: started)
            } catch {
                moto.stop()
                throw error
            }
        }
    }

    /// Runs `stratus` with `arguments` on ``data`` and this backend (``backendArguments``, ``commandEnvironment``),
    /// standard error merged into the output unless `mergingErrors` is false.
    public func command(_ arguments: [String], input: Data? = nil, mergingErrors: Bool = true) async throws
        -> ProcessRun
    {
        try await runToCompletion(
            TestEnvironment.stratus, arguments + ["--data-dir", self.data] + self.backendArguments, input: input,
            mergingErrors: mergingErrors, environment: self.commandEnvironment)
    }

    /// Stops the server with `SIGTERM` (or `SIGKILL` when `killing`, which leaves it no chance to clean up) and
    /// starts it again on the same data folder and backend.
    public func restart(killing: Bool = false) async throws {
        self.stopServer(signal: killing ? SIGKILL : SIGTERM)
        let started = try await StratusServe.launch(
            dataDirectory: self.data, arguments: self.arguments, environment: self.commandEnvironment)
        self.server.withLock { $0 = started }
    }

    /// Stops the server with `SIGTERM`, then moto, each by its process id.
    public func stop() {
        self.stopServer(signal: SIGTERM)
        self.moto?.stop()
    }

    private func stopServer(signal: Int32) {
        let process = self.process
        guard process.isRunning else { return }
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
    }
}
