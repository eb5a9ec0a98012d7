import AWS
import App
import Cloud
import LambdaRuntime
import Observability

// The ports are the AWS adapters the function's environment configures (AWSPortsConfiguration): building them
// connects to nothing, so the cold start is the same whether the function uses them or not.
let environment = ProcessEnvironment.current()
let ports = CloudPorts.aws(environment: AWSEnvironment(environment), clock: SystemClock())
    .traced(
        by: TracerConfiguration(environment: environment).makeTracer(),
        tableName: environment[AWSPortsConfiguration.tableNameVariable] ?? "stratus")
Lambda.main(environment: environment, makeHandler: ReferenceApp.manifest.handlerFactory(ports: ports))
