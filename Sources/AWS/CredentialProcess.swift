import Dispatch
import Foundation
import JSONCoding

/// Runs a profile's `credential_process` command (through `/bin/sh -c`, as the SDKs do on Linux and macOS) and reads
/// the credentials it prints: `{"Version": 1, "AccessKeyId": …, "SecretAccessKey": …, "SessionToken": …,
/// "Expiration": …}`.
struct CredentialProcess: Sendable {
    /// The command line.
    let command: String

    /// The credentials the command prints; throws when it fails, prints too much, or prints no version 1 document.
    func run() async throws -> AWSCredentials {
        let command = self.command
        let output: (status: Int32, stdout: [UInt8]) = try await withCheckedThrowingContinuation { continuation in
            // Reading the pipe and waiting block a thread: they run on a dispatch thread, not a task's.
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Self.execute(command) })
            }
        }
        guard output.status == 0 else {
            throw AWSCredentialsError(.sourceFailed, "credential_process exited with status \(output.status)")
        }
        guard output.stdout.count <= CredentialDocument.maximumByteCount,
            JSONValue(parsing: output.stdout)?["Version"] == .integer(1)
        else {
            throw AWSCredentialsError(.invalidResponse, "credential_process printed no \"Version\": 1 document")
        }
        return try CredentialDocument.parse(output.stdout, source: "credential_process")
    }

    private static func execute(_ command: String) throws -> (status: Int32, stdout: [UInt8]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw AWSCredentialsError(.sourceFailed, "credential_process could not be started: \(error)")
        }
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, Array(data.prefix(CredentialDocument.maximumByteCount + 1)))
    }
}
