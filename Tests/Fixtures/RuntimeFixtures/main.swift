import Cloud
import LambdaRuntime

Lambda.main(
    makeHandler: FixtureApp.manifest.handlerFactory(ports: .unconfigured("The runtime fixtures have no store")))
