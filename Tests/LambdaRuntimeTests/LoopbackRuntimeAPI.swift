import Synchronization

@testable import LambdaRuntime

/// A test Runtime API listening on 127.0.0.1, and a client connected to it.
protocol LoopbackRuntimeAPI: Sendable {
    /// What the API listens with; set once it has started.
    var listener: Mutex<LoopbackListener?> { get }
}

extension LoopbackRuntimeAPI {
    /// Where the client connects.
    var address: RuntimeAPIAddress { self.listener.withLock { $0 }!.address }

    /// Stops listening.
    func stop() async {
        await self.listener.withLock { $0 }?.stop()
    }

    /// Runs `body` with a client connected to this API, then stops the API, whether `body` throws or not.
    func withClient(_ body: (RuntimeAPIClient) async throws -> Void) async throws {
        do {
            let connection = try RuntimeAPIConnection.connect(to: self.address)
            defer { connection.close() }
            try await body(RuntimeAPIClient(connection: connection))
        } catch {
            await self.stop()
            throw error
        }
        await self.stop()
    }
}
