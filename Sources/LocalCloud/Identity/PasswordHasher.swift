import Cloud
import Crypto
import Foundation
import Hashing
import LambdaEvents
import _CryptoExtras

/// Hashes passwords with scrypt, a slow, memory-hard, salted key derivation function, and checks passwords against
/// such hashes in constant time. The work runs on a ``HashingQueue``'s threads, so a burst of sign-ins does not stall
/// the threads that serve requests, and is refused at once when that queue is full.
///
/// A hash is stored as `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<key>` (base64), so that a change of cost applies to
/// new hashes while old ones still verify.
public struct PasswordHasher: Sendable {
    /// scrypt's cost parameters.
    public struct Cost: Sendable, Equatable {
        /// log2 of N, the number of rounds; memory is 128 · r · N bytes.
        public var logRounds: Int
        /// scrypt's block size r.
        public var blockSize: Int
        /// scrypt's parallelism p.
        public var parallelism: Int

        /// N = 2^15, r = 8, p = 1: 32 MiB and tens of milliseconds per hash (OWASP's minimum for scrypt).
        public static let standard = Cost(logRounds: 15, blockSize: 8, parallelism: 1)
        /// A cheap cost for tests and benchmarks that create many accounts. Never for real passwords.
        public static let insecureFast = Cost(logRounds: 10, blockSize: 8, parallelism: 1)

        /// Creates a cost from scrypt's parameters, unchecked.
        public init(logRounds: Int, blockSize: Int, parallelism: Int) {
            self.logRounds = logRounds
            self.blockSize = blockSize
            self.parallelism = parallelism
        }

        /// The work a hash takes, in units of scrypt's block mixing: N · r · p.
        var work: Int { (1 << self.logRounds) * self.blockSize * self.parallelism }

        /// Costs a stored hash may name: anything else is refused instead of being computed.
        var isAcceptable: Bool {
            (10...20).contains(self.logRounds) && (1...16).contains(self.blockSize)
                && (1...16).contains(self.parallelism)
        }
    }

    /// The cost of new hashes; existing hashes verify with the cost they name.
    public let cost: Cost
    private let queue: HashingQueue

    private static let saltByteCount = 16
    private static let keyByteCount = 32

    /// A hasher for new hashes at `cost`, working on `queue` (a shared two-thread queue by default).
    public init(cost: Cost = .standard, queue: HashingQueue = .shared) {
        precondition(cost.isAcceptable, "scrypt cost out of range")
        self.cost = cost
        self.queue = queue
    }

    /// A new hash of `password`, with a fresh random salt.
    /// - Throws: ``HashingQueue/Overloaded`` when the queue is full, `CancellationError` when the task is cancelled
    ///   while the hash waits.
    public func hash(_ password: String) async throws -> String {
        let salt = (0..<Self.saltByteCount).map { _ in UInt8.random(in: .min ... .max) }
        let cost = self.cost
        let key = try await self.queue.run { try Self.derive(password, salt: salt, cost: cost) }
        return Self.format(cost: cost, salt: salt, key: key)
    }

    /// Whether `password` is the one `storedHash` was made from. A malformed hash verifies nothing.
    /// - Throws: as ``hash(_:)``: a verification that could not run is neither a match nor a mismatch.
    public func verify(_ password: String, against storedHash: String) async throws -> Bool {
        guard let stored = StoredHash(storedHash) else { return false }
        let key = try await self.queue.run { try Self.derive(password, salt: stored.salt, cost: stored.cost) }
        return ConstantTime.equal(key, stored.key)
    }

    /// Spends the time a verification against a real hash would, for an account that does not exist, so that the
    /// answer's timing does not tell which emails have accounts.
    public func verifyNothing(_ password: String) async throws {
        _ = try await self.verify(password, against: self.decoy)
    }

    /// Whether `storedHash` was made with less work than this hasher's (e.g. under
    /// `--insecure-fast-password-hashing`), so that it should be replaced on the next successful sign-in. A stronger
    /// hash is kept: one run with a cheaper cost must not weaken the hashes of everyone who signs in.
    public func needsRehash(_ storedHash: String) -> Bool {
        guard let stored = StoredHash(storedHash) else { return false }
        return stored.cost.work < self.cost.work
    }

    private var decoy: String {
        Self.format(
            cost: self.cost, salt: [UInt8](repeating: 0, count: Self.saltByteCount),
            key: [UInt8](repeating: 0, count: Self.keyByteCount))
    }

    /// The stored form of a hash: `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<key>`.
    private static func format(cost: Cost, salt: [UInt8], key: [UInt8]) -> String {
        "$scrypt$ln=\(cost.logRounds),r=\(cost.blockSize),p=\(cost.parallelism)$"
            + Base64.encode(salt) + "$" + Base64.encode(key)
    }

    private static func derive(_ password: String, salt: [UInt8], cost: Cost) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(
            from: Array(password.utf8), salt: salt, outputByteCount: Self.keyByteCount,
            rounds: 1 << cost.logRounds, blockSize: cost.blockSize, parallelism: cost.parallelism
        )
        return key.withUnsafeBytes { Array($0) }
    }

    /// A stored hash, parsed.
    private struct StoredHash {
        let cost: Cost
        let salt: [UInt8]
        let key: [UInt8]

        init?(_ text: String) {
            let fields = text.split(separator: "$", omittingEmptySubsequences: false)
            guard fields.count == 5, fields[0].isEmpty, fields[1] == "scrypt" else { return nil }
            var parameters: [Substring: Int] = [:]
            for pair in fields[2].split(separator: ",") {
                let parts = pair.split(separator: "=")
                guard parts.count == 2, let value = Int(parts[1]) else { return nil }
                parameters[parts[0]] = value
            }
            guard let logRounds = parameters["ln"], let blockSize = parameters["r"], let parallelism = parameters["p"],
                let salt = Base64.decode(fields[3]), let key = Base64.decode(fields[4]),
                key.count == PasswordHasher.keyByteCount
            else { return nil }
            let cost = Cost(logRounds: logRounds, blockSize: blockSize, parallelism: parallelism)
            guard cost.isAcceptable else { return nil }
            self.cost = cost
            self.salt = Array(salt)
            self.key = Array(key)
        }
    }
}
