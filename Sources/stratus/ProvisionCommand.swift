import App
import ArgumentParser
import Middleware

/// `stratus provision`: makes the reference app's table, buses, queues, rules, user pool and groups on an
/// AWS-compatible endpoint (moto, another emulator), keeping what exists, and records what the endpoint generated
/// in the data folder for `stratus serve --backend aws` and the commands that take `--backend aws`.
struct ProvisionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provision",
        abstract: "Create the app's AWS resources on an AWS-compatible endpoint and record them.",
        discussion: """
            Prints one line per resource: created, or exists when an earlier run made it; running it again changes \
            nothing but the queues' and rules' settings, which follow the manifest. The resource names start with the \
            app's name and the stage. What the endpoint generated (account, ARNs, queue URLs, pool and client ids) is \
            written to <data-dir>/aws-resources.json. Credentials come from the standard AWS chain; an emulator \
            accepts any, e.g. AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing. Real AWS is deployed from the \
            generated template instead.
            """
    )

    @Option(name: .long, help: "The AWS-compatible endpoint, e.g. http://127.0.0.1:5000.")
    var endpoint: String

    @Option(name: .long, help: "The region (default: AWS_REGION, else AWS_DEFAULT_REGION, else us-east-1).")
    var region: String?

    @Option(name: .customLong("data-dir"), help: "The data folder the record is written to.")
    var dataDirectory = ".stratus"

    @Option(name: .long, help: "A stage, e.g. dev: its name follows the app's in every resource name.")
    var stage: String?

    func validate() throws {
        if let region = self.region {
            guard (1...32).contains(region.count),
                region.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") })
            else {
                throw ValidationError("--region must be a region name such as eu-west-1, not '\(region)'")
            }
        }
    }

    func run() async throws {
        let plan = try ProvisioningPlan(manifest: ReferenceApp.manifest, stage: self.stage, groups: [Caller.staffGroup])
        let connection = try AWSConnection(endpoint: self.endpoint, region: self.region)
        // The folder first: a record that cannot be written should not be found out after the resources are made.
        let folder = LocalDataDirectory(path: self.dataDirectory)
        try folder.restrictToOwner()
        let resources = try await AWSProvisioner(plan: plan, connection: connection) { print($0) }.apply()
        try resources.save(in: folder)
        print("Recorded them in \(folder.file(AWSResources.fileName))")
    }
}
