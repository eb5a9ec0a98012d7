import App
import LambdaRuntime

await Lambda.main(makeHandler: ReferenceApp.manifest.makeHandler)
