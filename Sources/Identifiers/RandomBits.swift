import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Random bits from the system's secure generator for the ids made on every request (request ids, message ids,
/// UUIDs), read 256 bytes at a time with `getentropy`: one system call for every sixteen 128-bit ids, where the
/// standard library's `SystemRandomNumberGenerator` makes one for every 64 bits. The bits are as unpredictable as
/// the system's own; the pool is taken under a lock, and a word is never handed out twice.
package enum RandomBits {
    private static let pool = Mutex(Pool())

    /// 128 random bits, as two words.
    package static func next128() -> (high: UInt64, low: UInt64) {
        Self.pool.withLock { pool in (pool.take(), pool.take()) }
    }

    /// The words left from the last read of the system's generator.
    private struct Pool {
        /// `getentropy` reads at most 256 bytes a call.
        private var words = [UInt64](repeating: 0, count: 32)
        private var taken = 32

        mutating func take() -> UInt64 {
            if self.taken == self.words.count { self.refill() }
            defer { self.taken += 1 }
            return self.words[self.taken]
        }

        private mutating func refill() {
            let status = self.words.withUnsafeMutableBytes { getentropy($0.baseAddress, $0.count) }
            if status != 0 {
                // Only a kernel without `getrandom` fails here; the standard library has its own fallbacks.
                var system = SystemRandomNumberGenerator()
                for index in self.words.indices { self.words[index] = system.next() }
            }
            self.taken = 0
        }
    }
}
