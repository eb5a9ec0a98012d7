import Cloud
import LambdaRuntime

await Lambda.main(
    makeHandler: FixtureApp.manifest.handlerFactory(ports: .unconfigured("The runtime fixtures have no store")))
