import LambdaRuntime

await Lambda.main(makeHandler: FixtureApp.manifest.makeHandler)
