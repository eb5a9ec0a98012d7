import AWS
import Cloud
import Foundation
import LocalCloud

/// What `stratus serve --backend aws` runs the functions on: the resources `stratus provision` recorded in the data
/// folder, reached through the AWS adapters at the recorded endpoint (or `--endpoint`). The functions' ports are
/// those a Lambda function gets from the template's variables (``CloudPorts/aws(environment:clock:)``), except the
/// notifier, which has no AWS adapter and stays the data folder's notification log; the gateway trusts the user
/// pool's access tokens; queue triggers poll SQS, table stream triggers read the table's DynamoDB stream, and the
/// endpoint's own rules route the bus's events.
struct AWSServedCloud {
    let backend: AWSBackend

    /// How long fetching the user pool's key set may take.
    static let keySetTimeout = Duration.seconds(10)
    /// The pause after a read that found no new stream record: Lambda reads a shard four times a second.
    static let streamIdlePause = Duration.milliseconds(250)

    private var resources: AWSResources { self.backend.resources }

    /// The name the app's bus has at the endpoint: the provisioned name of the manifest's first bus, as the
    /// template names it to the functions.
    func appBusName(of manifest: AppManifest) -> String {
        let bus = manifest.buses.first?.name ?? Bus.defaultName
        return self.resources.buses[bus]?.name ?? bus
    }

    /// The variables a function's ports are built from: the connection's endpoint, region and credentials, and the
    /// table, user pool, app client, app bus and the secrets' name prefix as the template names them.
    func portsEnvironment(for manifest: AppManifest) -> AWSEnvironment {
        var variables = self.backend.connection.environment.variables
        variables["AWS_REGION"] = self.backend.connection.region
        variables[AWSPortsConfiguration.tableNameVariable] = self.resources.table.name
        variables[AWSPortsConfiguration.userPoolIDVariable] = self.resources.userPool.id
        variables[AWSPortsConfiguration.userPoolClientIDVariable] = self.resources.userPool.clientId
        variables[AWSPortsConfiguration.eventBusNameVariable] = self.appBusName(of: manifest)
        variables[AWSPortsConfiguration.secretNamePrefixVariable] = self.resources.namePrefix
        return AWSEnvironment(variables)
    }

    /// The functions' ports, sending to people through `notifier`.
    func ports(for manifest: AppManifest, notifier: any Notifier, clock: any Clock) -> CloudPorts {
        var ports = CloudPorts.aws(environment: self.portsEnvironment(for: manifest), clock: clock)
        ports.notifier = notifier
        return ports
    }

    /// The issuer Cognito writes into the pool's tokens.
    var issuer: String {
        "https://cognito-idp.\(self.backend.connection.region).amazonaws.com/\(self.resources.userPool.id)"
    }

    /// The gateway's authorizer: the pool's access tokens for its app client, checked against the pool's key set,
    /// fetched once from `<endpoint>/<pool-id>/.well-known/jwks.json`.
    /// - Throws: ``CommandLineError`` when the key set cannot be fetched or read.
    func authorizer() async throws -> JWTAuthorizer {
        let endpoint = self.backend.connection.endpoint
        let path = "/\(self.resources.userPool.id)/.well-known/jwks.json"
        guard let url = HTTPURL(endpoint) else {
            throw CommandLineError("--endpoint must be an http or https URL, not \(endpoint)")
        }
        let httpClient = AWSHTTPClient()
        let response: AWSHTTPResponse
        do {
            response = try await httpClient.send(
                AWSHTTPRequest(method: "GET", url: url.withTarget(path)), timeout: Self.keySetTimeout)
        } catch {
            throw CommandLineError("Cannot fetch the user pool's key set from \(endpoint)\(path): \(error)")
        }
        guard response.status == 200 else {
            throw CommandLineError(
                "The user pool's key set at \(endpoint)\(path) answered HTTP \(response.status); "
                    + "is the pool \(self.resources.userPool.id) still there? Run `stratus provision` again")
        }
        let keys: JSONWebKeySet
        do {
            keys = try JSONWebKeySet(json: Data(response.body))
        } catch {
            throw CommandLineError("The user pool's key set at \(endpoint)\(path) cannot be read: \(error)")
        }
        return JWTAuthorizer(
            configuration: .init(issuer: self.issuer, audiences: [self.resources.userPool.clientId]), keys: keys)
    }

    /// The asynchronous half: the queue triggers on the app's SQS queues, the schedules, and a poller per table
    /// stream trigger reading on from the position it saved in `dataDirectory` (``StreamPositionFile``), invoking
    /// the functions through `functions`.
    /// - Throws: ``CommandLineError`` naming the trigger or schedule that cannot run.
    func eventSources(
        of manifest: AppManifest, functions: FunctionInstanceInvoker, dataDirectory: LocalDataDirectory,
        tracing: QueuePollerTracing
    ) throws -> AWSEventSources {
        let queues = try self.backend.queues()
        let triggers: FunctionTriggers
        do {
            triggers = try FunctionTriggers(
                manifest: manifest, queues: queues, functions: functions,
                scheduleHistory: try ScheduleHistory(path: dataDirectory.scheduleHistoryPath), tracing: tracing,
                clock: dataDirectory.clock)
        } catch {
            throw CommandLineError("Cannot run the manifest's queue triggers and schedules: \(error)")
        }
        var streamPollers: [TableStreamPoller] = []
        for function in manifest.functions {
            for trigger in function.tableStreams {
                let positions = StreamPositionFile(function: function.name, in: dataDirectory)
                let reader = DynamoDBStreamReader(
                    dynamoDB: try self.backend.connection.client(.dynamoDB),
                    streams: try self.backend.connection.client(.dynamoDBStreams), tableName: self.resources.table.name,
                    resumingFrom: positions.load())
                do {
                    streamPollers.append(
                        try TableStreamPoller(
                            function: function.name, trigger: trigger, records: { try await reader.read(upTo: $0) },
                            checkpoint: { positions.save(await reader.position) }, invoker: functions,
                            polling: QueuePolling(idlePause: Self.streamIdlePause)))
                } catch {
                    throw CommandLineError("The table stream trigger of \(function.name): \(error)")
                }
            }
        }
        return AWSEventSources(triggers: triggers, streamPollers: streamPollers)
    }
}

/// The asynchronous half of `stratus serve --backend aws`
/// (``AWSServedCloud/eventSources(of:functions:dataDirectory:tracing:)``).
struct AWSEventSources: Sendable {
    let triggers: FunctionTriggers
    let streamPollers: [TableStreamPoller]

    /// Runs the triggers and the stream pollers until the task is cancelled.
    func run() async {
        await withDiscardingTaskGroup { group in
            group.addTask { await self.triggers.run() }
            for poller in self.streamPollers {
                group.addTask { await poller.run() }
            }
        }
    }
}
