package import Cloud
import LambdaRuntime
import Middleware
import Services

/// The manifest of the Stratus reference system.
package enum ReferenceApp {
    package static let version = StratusVersion.current

    package static let manifest: AppManifest = AppManifest("orders-platform", version: version) {
        Function("health", memoryMB: 128, timeout: .seconds(3)) { context in
            HealthHandler(version: version, store: context.ports.store).observed(context.initialization)
        }
        .http("GET /health")

        // Reserved concurrency: a flood of sign-ins is answered 429 past 64 at once instead of taking every slot of the
        // server; the password hasher's own queue (32) answers 503 before that.
        Function("auth", memoryMB: 256, timeout: .seconds(10), reservedConcurrency: 64) { context in
            let observability = FunctionObservability(context.initialization)
            let ports = context.ports
            return AuthAPI(
                identity: ports.identity, store: ports.store, clock: ports.clock, metrics: observability.metrics
            )
            .observed(by: observability)
        }
        .http(
            "POST /auth/register", "POST /auth/login", "POST /auth/refresh", "POST /auth/logout",
            "POST /auth/forgot-password", "POST /auth/confirm-forgot-password"
        )

        Function("users", memoryMB: 128, timeout: .seconds(5)) { context in
            UsersAPI(store: context.ports.store, clock: context.ports.clock).observed(context.initialization)
        }
        .http("GET /users/me", "PUT /users/me", authorization: .jwt())

        Function("orders", memoryMB: 256, timeout: .seconds(10)) { context in
            let observability = FunctionObservability(context.initialization)
            return OrdersAPI(
                store: context.ports.store, clock: context.ports.clock, identifiers: context.ports.identifiers,
                metrics: observability.metrics
            )
            .observed(by: observability)
        }
        .http("POST /orders", "GET /orders", "GET /orders/{id}", "PATCH /orders/{id}/status", authorization: .jwt())

        Function("notifications-api", memoryMB: 128, timeout: .seconds(5)) { context in
            NotificationsAPI(store: context.ports.store, clock: context.ports.clock).observed(context.initialization)
        }
        .http("GET /notifications", "POST /notifications/{id}/read", authorization: .jwt())

        // Domain events reach the worker through the app bus and a queue; what fails five times waits in the
        // dead-letter queue for `stratus dlq`. The visibility timeout is six times the worker's timeout, as AWS advises.
        Bus("app", archiveDays: 7)
        Queue(
            "notifications", visibilityTimeout: .seconds(180), deadLetterQueue: "notifications-dlq", maxReceiveCount: 5)
        Queue("notifications-dlq", retention: .seconds(14 * 86_400))
        Rule("notifications", on: "app", pattern: NotificationKind.eventPattern, targets: [.queue("notifications")])
        Function("notifications-worker", memoryMB: 256, timeout: .seconds(30)) { context in
            NotificationsWorker(
                store: context.ports.store, notifier: context.ports.notifier, clock: context.ports.clock
            )
            .observed(context.initialization)
        }
        .queue("notifications", batchSize: 10, reportBatchItemFailures: true)

        // Every event of the services is counted per type and day, once per event ID; staff read the counts.
        Queue("analytics", visibilityTimeout: .seconds(60), deadLetterQueue: "analytics-dlq", maxReceiveCount: 5)
        Queue("analytics-dlq", retention: .seconds(14 * 86_400))
        Rule(
            "analytics", on: "app", pattern: #"{"source": ["stratus.orders", "stratus.users"]}"#,
            targets: [.queue("analytics")])
        Function("analytics-worker", memoryMB: 128, timeout: .seconds(10)) { context in
            AnalyticsWorker(store: context.ports.store, clock: context.ports.clock).observed(context.initialization)
        }
        .queue("analytics", batchSize: 10, reportBatchItemFailures: true)

        Function("analytics-api", memoryMB: 128, timeout: .seconds(5)) { context in
            AnalyticsAPI(store: context.ports.store).observed(context.initialization)
        }
        .http("GET /analytics/events", authorization: .jwt())

        // What the dead-letter queues take is kept as records (the processor empties the queues), for staff to read
        // and for `stratus dlq redrive` to send back.
        Function("dead-letters", memoryMB: 128, timeout: .seconds(30)) { context in
            let observability = FunctionObservability(context.initialization)
            return DeadLetterProcessor(
                store: context.ports.store, sources: DeadLetterSources(ReferenceApp.manifest),
                clock: context.ports.clock, metrics: observability.metrics
            )
            .observed(by: observability)
        }
        .queue("notifications-dlq", batchSize: 10, reportBatchItemFailures: true)
        .queue("analytics-dlq", batchSize: 10, reportBatchItemFailures: true)

        Function("dead-letters-api", memoryMB: 128, timeout: .seconds(5)) { context in
            DeadLettersAPI(store: context.ports.store).observed(context.initialization)
        }
        .http("GET /admin/dead-letters", authorization: .jwt())

        // On AWS the events the services write into the outbox reach the app bus through the table's stream; the
        // local cloud relays its outbox itself and leaves this function's trigger out.
        Function("outbox-relay", memoryMB: 256, timeout: .seconds(30)) { context in
            let ports = context.ports
            return OutboxStreamRelay(store: ports.store, bus: ports.bus, busName: ports.appBus)
                .observed(context.initialization)
        }
        .tableStream(batchSize: 100, filterPattern: OutboxStreamRelay.recordFilter)

        Function("echo", memoryMB: 128, timeout: .seconds(3)) { context in
            EchoHandler().observed(context.initialization)
        }
    }
}
