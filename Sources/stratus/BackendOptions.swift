import AWS
import ArgumentParser

/// `--backend local|aws [--endpoint URL]`, shared by the commands that reach a queue, the bus, the store or the
/// identity provider: `local` works on the data folder's local cloud, `aws` on the resources `stratus provision`
/// recorded in the data folder, at the endpoint it recorded unless `--endpoint` names another.
struct BackendOptions: ParsableArguments {
    /// Where a command's ports are.
    enum Backend: String, ExpressibleByArgument, CaseIterable {
        case local
        case aws
    }

    @Option(
        name: .long,
        help: "local: the data folder's local cloud; aws: the AWS resources `stratus provision` recorded there.")
    var backend: Backend = .local

    @Option(name: .long, help: "With --backend aws: the endpoint to use instead of the recorded one.")
    var endpoint: String?

    func validate() throws {
        if self.endpoint != nil, self.backend == .local {
            throw ValidationError("--endpoint needs --backend aws")
        }
    }

    /// The AWS resources recorded in `dataDirectory` and a connection to them with `--backend aws`, credentials
    /// from `environment`; `nil` with `--backend local`.
    /// - Throws: ``CommandLineError`` naming `stratus provision` when nothing is recorded there.
    func aws(dataDirectory: String, environment: AWSEnvironment = .process) throws -> AWSBackend? {
        guard self.backend == .aws else { return nil }
        let resources = try AWSResources.load(from: LocalDataDirectory(path: dataDirectory))
        let connection = try AWSConnection(
            endpoint: self.endpoint ?? resources.endpoint, region: resources.region, environment: environment)
        return AWSBackend(resources: resources, connection: connection)
    }
}
