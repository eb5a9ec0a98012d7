/// Where the X-Ray daemon listens for segments, from `AWS_XRAY_DAEMON_ADDRESS`: `host:port`, or
/// `tcp:host:port udp:host:port` (the UDP one is used). The default is `127.0.0.1:2000`.
public struct XRayDaemonAddress: Sendable, Hashable, CustomStringConvertible {
    /// The daemon's host name or IPv4 address.
    public var host: String
    /// The daemon's UDP port.
    public var port: UInt16

    /// Creates an address from its parts, unchecked.
    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// `127.0.0.1:2000`, where the daemon listens on Lambda and by default.
    public static let standard = XRayDaemonAddress(host: "127.0.0.1", port: 2000)

    /// Reads the variable's value; `nil` when it names no usable UDP address.
    ///
    /// The value is read as UTF-8 bytes: split by `Character`, it cost a cold start about 18,000 instructions of
    /// grapheme breaking for each of the two tracers a function makes.
    public init?(_ text: String) {
        let forms = text.utf8.split(separator: UInt8(ascii: " "))
        let chosen =
            forms.count == 1 ? forms[0] : forms.first { $0.starts(with: "udp:".utf8) }.map { $0.dropFirst(4) }
        guard let chosen, let colon = chosen.lastIndex(of: UInt8(ascii: ":")) else { return nil }
        let host = chosen[..<colon]
        guard !host.isEmpty, !host.contains(UInt8(ascii: ":")),
            let port = UInt16(Substring(chosen[chosen.index(after: colon)...])), port > 0
        else { return nil }
        self.init(host: String(Substring(host)), port: port)
    }

    /// The address as `host:port`.
    public var description: String { "\(self.host):\(self.port)" }
}
