import Cloud
import Foundation
import LocalCloud
import SecretStoreContract
import StratusTesting
import Testing

/// The local secret store: the whole contract, and what only a file in the data folder must show.
@Suite("File secret store")
struct FileSecretStoreTests {
    @Test(arguments: SecretStoreContract.checks)
    func contract(_ check: SecretStoreContract.Check) async throws {
        let directory = try TemporaryDirectory()
        try await check.run(FileSecretStore(path: directory.path("secrets.json")))
    }

    @Test func theFileIsTheOwnersOnlyAndOutlivesTheStore() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("secrets.json")
        try await FileSecretStore(path: path).putSecretValue("signing-key", .string("s3cr3t"))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode & 0o777 == 0o600)
        #expect(try await FileSecretStore(path: path).secretValue("signing-key").payload == .string("s3cr3t"))
    }

    @Test func concurrentWritersFromTwoStoresLoseNothing() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("secrets.json")
        let stores = [FileSecretStore(path: path), FileSecretStore(path: path)]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask { try await stores[index % 2].putSecretValue("secret-\(index)", .string("\(index)")) }
            }
            try await group.waitForAll()
        }
        for index in 0..<40 {
            #expect(try await stores[0].secretValue("secret-\(index)").payload == .string("\(index)"))
        }
    }

    @Test func aDamagedFileIsReportedWithoutItsContents() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("secrets.json")
        try Data("{\"half\": \"s3cr3t".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try await FileSecretStore(path: path).secretValue("half")
            Issue.record("a damaged file was read")
        } catch {
            #expect(error.code == .unavailable)
            #expect(!error.message.contains("s3cr3t"))
        }
    }
}
