import Cloud
import Hashing

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a per-client rate limit counts by: an IPv4 address whole, an IPv6 address by its /64 network. One subscriber
/// commonly holds a whole /64, so a limit keyed by the full IPv6 address would let a client rotate through 2⁶⁴
/// addresses, each with a fresh allowance.
enum ClientNetwork {
    /// The network of `address` as a limit key: the address itself for IPv4 (and for anything that is not an IPv6
    /// address), `<first 64 bits in hex>::/64` for IPv6, and the IPv4 address an IPv4-mapped one (`::ffff:a.b.c.d`)
    /// stands for.
    static func of(_ address: String) -> String {
        var parsed = in6_addr()
        guard address.contains(":"), inet_pton(AF_INET6, address, &parsed) == 1 else { return address }
        let bytes = withUnsafeBytes(of: &parsed) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return bytes[12...].map(String.init).joined(separator: ".")
        }
        return Hashing.SHA256.hex(Array(bytes[0..<8])) + "::/64"
    }
}
