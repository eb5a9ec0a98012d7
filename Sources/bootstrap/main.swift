import App
import Cloud
import LambdaRuntime

// No AWS adapters exist yet: functions that need the store report it unavailable, the others work as on Lambda.
await Lambda.main(
    makeHandler: ReferenceApp.manifest.handlerFactory(
        ports: .unconfigured("No AWS adapters are configured in this runtime yet, so there is no store")
    )
)
