import AWS
import Cloud
import ItemStoreContract
import StratusTesting
import Testing

/// The whole `ItemStore` contract, run on ``DynamoDBItemStore`` against moto over HTTP: one moto server and one
/// table (made by the store's own `createTable`) for every check, started here and stopped by its pid at the end.
/// The checks key their items under fresh namespaces, so they share the table as they would share one on AWS.
@Suite struct DynamoDBItemStoreContractTests {
    /// The checks moto (5.2) cannot pass, by check name, and why: DynamoDB itself behaves as the check says.
    /// (Checked against moto's source and a boto3 session on moto: DynamoDB's documented behaviour is the check's.)
    static let motoGaps: [String: String] = [
        "conditions compare numbers numerically, strings by bytes, and never across types":
            "moto answers HTTP 500 to an ordering comparison of a number with a string (a Python TypeError), where"
            + " DynamoDB evaluates it to false, and moto holds `missing = NULL` for an absent attribute, which DynamoDB"
            + " does not",
        "items over 400 KB are refused; just under is stored":
            "moto refuses items over 405,000 bytes by its own count; DynamoDB's limit, and the port's, is 400 KB"
            + " (409,600 bytes), so the 399 KB item the check stores is refused",
    ]

    /// The checks moto fails only sometimes, and why: it applies concurrent updates to one item without a lock, so
    /// some of fifty concurrent `ADD`s are lost (a boto3 session on moto 5.2.5 counted 48 of 50), and, under the
    /// load of the whole suite, two of ten concurrent conditional updates of one version have both succeeded (seen
    /// once in our suite; 40 rounds of ten boto3 processes did not reproduce it on an idle machine). DynamoDB does
    /// neither: its conditions and updates of one item are atomic.
    static let intermittentMotoGaps: [String: String] = [
        "concurrent ADDs all count":
            "moto applies concurrent updates of one item without a lock and loses some of fifty concurrent ADDs",
        "concurrent optimistic updates of one version: one wins, the others see a conflict":
            "moto checks a condition and applies the update without a lock, so two concurrent writers can both win",
    ]

    @Test func everyCheckPassesAgainstMoto() async throws {
        guard let moto = try await MotoServer.start() else { return }
        defer { moto.stop() }
        let environment = AWSEnvironment(moto.environment)
        let client = try AWSJSONClient(
            service: .dynamoDB, region: "us-east-1",
            credentials: EnvironmentCredentialProvider(environment: environment), environment: environment,
            httpClient: AWSHTTPClient())
        let store = DynamoDBItemStore(client: client, tableName: "stratus-contract")
        try await store.createTable(pollInterval: .milliseconds(100), attempts: 50)
        for check in ItemStoreContract.checks {
            let gap = Self.motoGaps[check.name] ?? Self.intermittentMotoGaps[check.name]
            let intermittent = Self.intermittentMotoGaps[check.name] != nil
            await withKnownIssue(Comment(rawValue: gap ?? ""), isIntermittent: intermittent) {
                do {
                    try await check.run(store)
                } catch {
                    Issue.record("\(check.name): \(error)")
                }
            } when: {
                gap != nil
            }
        }
    }
}
