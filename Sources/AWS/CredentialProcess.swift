import Dispatch
import JSONCoding

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            throw AWSCredentialsError(.sourceFailed, "credential_process could not be started: no pipe")
        }
        let (readEnd, writeEnd) = (pipeEnds[0], pipeEnds[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, writeEnd, 1)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        var processID = pid_t()
        let words: [String] = ["/bin/sh", "-c", command]
        let arguments = words.map { strdup($0) } + [nil]
        defer { for argument in arguments { free(argument) } }
        let spawned = posix_spawn(&processID, "/bin/sh", &actions, nil, arguments, environ)
        close(writeEnd)
        defer { close(readEnd) }
        guard spawned == 0 else {
            throw AWSCredentialsError(.sourceFailed, "credential_process could not be started: error \(spawned)")
        }
        // Read to the end (so the command never blocks on a full pipe), keeping only what the bound allows.
        let stdout = POSIXFile.readAll(readEnd, limit: CredentialDocument.maximumByteCount) ?? []
        while POSIXFile.readAll(readEnd, limit: 64 * 1024).map({ !$0.isEmpty }) == true {}
        var status: Int32 = 0
        while waitpid(processID, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return (exitStatus, stdout)
    }
}
