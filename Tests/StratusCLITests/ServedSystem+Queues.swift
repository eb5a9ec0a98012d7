import AWS
import Cloud
import Foundation
import LocalCloud
import StratusTesting
import Testing

@testable import stratus

/// What the serve suites reach of a ``ServedSystem`` beside HTTP: its record of AWS resources and its queues, by the
/// manifest's names on either backend.
extension ServedSystem {
    /// Starts the system on `backend` with the manifest's queues named in `visibilityTimeouts` given those visibility
    /// timeouts, so that a message whose consumer failed or died comes back in a test's time. On aws they are set
    /// before serve starts: a receive a stopped server left waiting on moto keeps the timeout the queue had when it
    /// began. Locally they are set after the start, which restores the manifest's.
    static func start(
        _ backend: ServedBackend, arguments: [String] = [], visibilityTimeouts: [String: Duration]
    ) async throws -> ServedSystem? {
        let served = try await Self.start(backend, arguments: arguments) { data, moto in
            let queues = try Self.awsBackend(data: data, environment: moto.environment).queues()
            try await Self.setVisibilityTimeouts(visibilityTimeouts, of: queues)
        }
        if let served, backend == .local {
            try await Self.setVisibilityTimeouts(visibilityTimeouts, of: try served.queues())
        }
        return served
    }

    /// What `stratus provision` recorded in the data folder.
    var resources: AWSResources {
        get throws { try AWSResources.load(from: LocalDataDirectory(path: self.data)) }
    }

    /// The app's queues, by the manifest's names: the data folder's, or the provisioned ones on moto.
    func queues() throws -> any MessageQueue {
        switch self.backend {
        case .local: try SQLiteMessageQueue(path: self.data + "/queues.sqlite")
        case .aws: try Self.awsBackend(data: self.data, environment: self.commandEnvironment).queues()
        }
    }

    /// Waits until the bus has delivered everything and the manifest's queue `queue` holds no message, visible or in
    /// flight (moto's replays and deliveries put the events on the queues before they answer).
    func waitUntilConsumed(_ queue: String) async throws {
        let queues = try self.queues()
        let bus = self.backend == .local ? try SQLiteEventBus(path: self.data + "/bus.sqlite") : nil
        try await eventually(timeout: .seconds(60), interval: .milliseconds(250)) {
            let pending = try await bus?.pendingDeliveryCount() ?? 0
            let attributes = try await queues.attributes(of: queue)
            return pending == 0 && attributes.visibleMessages == 0 && attributes.inFlightMessages == 0
        }
    }

    private static func awsBackend(data: String, environment: [String: String]) throws -> AWSBackend {
        let resources = try AWSResources.load(from: LocalDataDirectory(path: data))
        let connection = try AWSConnection(
            endpoint: resources.endpoint, region: resources.region, environment: AWSEnvironment(environment))
        return AWSBackend(resources: resources, connection: connection)
    }

    private static func setVisibilityTimeouts(_ timeouts: [String: Duration], of queues: any MessageQueue)
        async throws
    {
        for (queue, timeout) in timeouts {
            var configuration = try await queues.attributes(of: queue).configuration
            configuration.visibilityTimeout = timeout
            try await queues.setConfiguration(configuration, of: queue)
        }
    }
}
