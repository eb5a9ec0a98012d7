import AWS
import ArgumentParser
import Cloud
import Foundation

/// `stratus bench dynamodb`: GetItem round trips per second through the DynamoDB store a function gets on AWS
/// (``CloudPorts/aws(environment:clock:)``: the credential chain, SigV4 and one kept-alive connection), one call after
/// the other, against the endpoint the environment names. `scripts/bench-aws.sh` runs it and boto3 against the same
/// moto and prints their ratio (issue 17).
struct DynamoDBBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dynamodb",
        abstract: "Measure GetItem round trips per second through Stratus's DynamoDB client.",
        discussion: """
            Reads as a function on AWS does: the table is STRATUS_TABLE_NAME, the region AWS_REGION, the endpoint \
            AWS_ENDPOINT_URL (or AWS_ENDPOINT_URL_DYNAMODB), the credentials the standard chain finds.
            """
    )

    @Option(help: "The item's partition key (PK).")
    var partitionKey: String

    @Option(help: "The item's sort key (SK).")
    var sortKey: String

    @Option(help: "How many seconds to read for.")
    var seconds: Double = 10

    func validate() throws {
        guard self.seconds > 0, self.seconds <= 3600 else {
            throw ValidationError("--seconds must be above 0 and at most 3600")
        }
    }

    func run() async throws {
        let store = CloudPorts.aws(environment: .process).store
        let key = ItemKey(partition: self.partitionKey, sort: self.sortKey)
        do {
            // The first read opens the connection and fetches the credentials; the rate is of the reads after it.
            guard try await store.get(key) != nil else {
                throw CommandLineError("The table has no item \(key): put it before measuring")
            }
            let clock = ContinuousClock()
            let start = clock.now
            let end = start + .milliseconds(Int64(self.seconds * 1000))
            var roundTrips = 0
            while clock.now < end {
                guard try await store.get(key) != nil else {
                    throw CommandLineError("The item \(key) disappeared while it was being read")
                }
                roundTrips += 1
            }
            let elapsed = (clock.now - start) / .seconds(1)
            print(
                String(
                    format: "stratus (DynamoDBItemStore) GetItem: %d round trips in %.1f s: %.1f/s", roundTrips,
                    elapsed, Double(roundTrips) / elapsed))
        } catch let error as ItemStoreError {
            throw CommandLineError("GetItem failed: \(error)")
        }
    }
}
