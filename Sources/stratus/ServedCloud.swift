import Cloud
import Foundation
import LocalCloud

/// What `stratus serve` runs the functions on, whichever the backend: their ports, the gateway's authorizer, and
/// the asynchronous half, made once the functions are there to invoke.
struct ServedCloud {
    /// The functions' ports, untraced.
    let ports: CloudPorts
    /// The table name the store's trace subsegments carry.
    let tableName: String
    /// The gateway's authorizer of `.jwt()` routes.
    let authorizer: JWTAuthorizer
    /// Documents served to anyone by path, besides `/openapi.json`.
    let publicDocuments: [String: Data]
    /// Where the data is, for the start-up listing.
    let dataDescription: String
    /// Housekeeping run every ``ServeCommand/purgeInterval``, if the backend needs any.
    let maintenance: (@Sendable () async -> Void)?
    /// Makes (and provisions, locally) the event sources that invoke the functions through the invoker given; the
    /// local outbox relay yields to the gateway load given.
    let eventSources: (FunctionInstanceInvoker, GatewayLoad) async throws -> ServedEventSources
}

/// The asynchronous half of `stratus serve` and what it serves besides the functions.
struct ServedEventSources: Sendable {
    /// Runs queue pollers, relays, schedules and stream readers until the task is cancelled.
    let run: @Sendable () async -> Void
    /// The local queues and bus answering AWS's JSON protocols on `/_aws`; `nil` when the backend is AWS itself.
    var awsServices: [AWSService]? = nil
    /// The local queues' statistics for the dashboard, if the queues are local.
    var queueStatistics: QueueStatisticsAPI? = nil
    /// The local bus's activity for the dashboard, if the bus is local.
    var busActivity: BusActivityAPI? = nil
}
