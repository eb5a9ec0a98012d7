import Foundation
import LocalCloud

/// What `stratus provision` made for an app on an AWS-compatible endpoint and what the endpoint generated for it
/// (account, ARNs, queue URLs, pool and client ids), kept in `<data-dir>/aws-resources.json` (mode 0600) for
/// `stratus serve --backend aws` and the commands that take `--backend aws`. Buses, queues and rules are keyed by
/// their names in the manifest.
struct AWSResources: Codable, Equatable {
    /// The single table.
    struct Table: Codable, Equatable {
        var name: String
        var arn: String
        /// The table's stream of new images, which the outbox relay consumes.
        var streamArn: String?
    }

    /// A bus and its archive.
    struct Bus: Codable, Equatable {
        var name: String
        var arn: String
        var archive: String?
    }

    /// A queue, addressed by its URL.
    struct Queue: Codable, Equatable {
        var name: String
        var url: String
        var arn: String
    }

    /// A rule on its bus.
    struct Rule: Codable, Equatable {
        var name: String
        var bus: String
        var arn: String
    }

    /// The user pool, its app client and its groups.
    struct UserPool: Codable, Equatable {
        var name: String
        var id: String
        var clientId: String
        var groups: [String]
    }

    /// A secret, made without a value.
    struct Secret: Codable, Equatable {
        var name: String
        var arn: String
    }

    /// The endpoint the resources are on, and its region.
    var endpoint: String
    var region: String
    /// The account the endpoint put the resources in.
    var accountId: String
    /// The app and stage they belong to.
    var app: String
    var stage: String?
    var table: Table
    var buses: [String: Bus]
    var queues: [String: Queue]
    var rules: [String: Rule]
    var userPool: UserPool
    var secrets: [String: Secret]

    /// The record's file name in the data folder.
    static let fileName = "aws-resources.json"
    /// The largest record read: far more than any app's.
    static let maximumFileSize = 1 << 20

    /// The record in `folder`.
    /// - Throws: ``CommandLineError`` naming `stratus provision` when there is none, or saying why it cannot be read.
    static func load(from folder: LocalDataDirectory) throws -> AWSResources {
        let path = folder.file(Self.fileName)
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw CommandLineError(
                "No AWS resources are recorded in \(folder.path): \(path) does not exist; run "
                    + "`stratus provision --endpoint URL --data-dir \(folder.path)` first")
        }
        defer { try? handle.close() }
        do {
            let data = try handle.read(upToCount: Self.maximumFileSize + 1) ?? Data()
            guard data.count <= Self.maximumFileSize else {
                throw CommandLineError("\(path) is larger than \(Self.maximumFileSize) bytes")
            }
            return try JSONDecoder().decode(AWSResources.self, from: data)
        } catch let error as CommandLineError {
            throw error
        } catch {
            throw CommandLineError(
                "\(path) is not a record of `stratus provision` (\(error)); run `stratus provision` again")
        }
    }

    /// Writes the record into `folder` (created if needed), readable by its owner only, replacing any older one.
    func save(in folder: LocalDataDirectory) throws {
        try folder.createFolder(folder.path)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let file = OwnerOnlyFile(path: folder.file(Self.fileName))
        do {
            try file.replace(with: try encoder.encode(self))
        } catch {
            throw CommandLineError("Cannot record the AWS resources in \(file.path): \(error)")
        }
    }

    /// The prefix `stratus provision` gave the names of the app's resources (a secret's is `<prefix>/<name>`).
    var namePrefix: String { ProvisioningPlan.namePrefix(app: self.app, stage: self.stage) }

    /// The physical names of the app's queues by their names in the manifest.
    var queueNames: [String: String] { self.queues.mapValues(\.name) }
}
