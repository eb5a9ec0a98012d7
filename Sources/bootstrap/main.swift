import App
import Cloud
import LambdaRuntime
import Observability

// No AWS adapters exist yet: functions that need the store report it unavailable, the others work as on Lambda.
// The store's calls are traced all the same, so the subsegments exist once the adapter does.
let environment = ProcessEnvironment.current()
let ports = CloudPorts.unconfigured(
    "No AWS adapters are configured in this runtime yet, so there is no store", clock: SystemClock()
)
.traced(
    by: TracerConfiguration(environment: environment).makeTracer(),
    tableName: environment["STRATUS_TABLE_NAME"] ?? "stratus")
await Lambda.main(makeHandler: ReferenceApp.manifest.handlerFactory(ports: ports))
