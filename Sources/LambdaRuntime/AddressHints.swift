#if canImport(Glibc)
package import Glibc
#elseif canImport(Musl)
package import Musl
#elseif canImport(Darwin)
package import Darwin
#endif

extension addrinfo {
    /// `getaddrinfo` hints for TCP sockets of any address family, with `flags` (`AI_NUMERICSERV`, say).
    package static func streamSocketHints(flags: Int32) -> addrinfo {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        hints.ai_flags = flags
        return hints
    }
}
