/// A `cidr` operand: an IPv4 or IPv6 network (`10.0.0.0/24`, `2001:db8::/64`) that event addresses may fall in.
struct CIDRBlock: Sendable {
    /// The network's address, 4 bytes for IPv4 and 16 for IPv6.
    private let network: [UInt8]
    /// How many leading bits of an address must equal the network's.
    private let prefixLength: Int

    /// Reads `text`, or explains why EventBridge would reject it.
    init(_ text: String) throws(EventPatternError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw EventPatternError(.invalidCIDR, "Malformed CIDR, one '/' required") }
        guard let length = Int(parts[1]) else {
            throw EventPatternError(.invalidCIDR, "Malformed CIDR, mask bits must be an integer")
        }
        guard let network = Self.address(parts[0]) else {
            throw EventPatternError(.invalidCIDR, "Nonstandard IP address: \(parts[0])")
        }
        guard (0...network.count * 8).contains(length) else {
            throw EventPatternError(
                .invalidCIDR, "Malformed CIDR, mask bits must be between 0 and \(network.count * 8)")
        }
        self.network = network
        self.prefixLength = length
    }

    /// Whether `text` is an address of the same family inside the network.
    func contains(_ text: String) -> Bool {
        guard let address = Self.address(Substring(text)), address.count == self.network.count else { return false }
        var remaining = self.prefixLength
        for (byte, networkByte) in zip(address, self.network) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            guard byte & mask == networkByte & mask else { return false }
            remaining -= 8
        }
        return true
    }

    /// The bytes of an IPv4 (dotted decimal) or IPv6 (colon hex, `::` allowed once) address, or `nil`.
    static func address(_ text: Substring) -> [UInt8]? {
        text.contains(":") ? Self.ipv6(text) : Self.ipv4(text)
    }

    private static func ipv4(_ text: Substring) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard (1...3).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isNumber }), let byte = UInt8(part)
            else { return nil }
            bytes.append(byte)
        }
        return bytes
    }

    private static func ipv6(_ text: Substring) -> [UInt8]? {
        // Split at the first `::` (by index: splitting by a string would link Swift's regex engine).
        let doubleColon = text.indices.first { text[$0] == ":" && text[text.index(after: $0)...].first == ":" }
        let halves = doubleColon.map { [text[..<$0], text[text.index($0, offsetBy: 2)...]] } ?? [text]
        guard let head = Self.groups(halves[0]) else { return nil }
        let tail = halves.count == 2 ? Self.groups(halves[1]) : []
        guard let tail else { return nil }
        let missing = 8 - head.count - tail.count
        guard halves.count == 2 ? missing >= 1 : missing == 0 else { return nil }
        let groups = head + Array(repeating: 0, count: halves.count == 2 ? missing : 0) + tail
        return groups.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// The 16-bit groups of one side of `::` (none for an empty side), or `nil`.
    private static func groups(_ text: Substring) -> [UInt16]? {
        guard !text.isEmpty else { return [] }
        var groups: [UInt16] = []
        for part in text.split(separator: ":", omittingEmptySubsequences: false) {
            guard (1...4).contains(part.count), part.allSatisfy({ $0.isASCII && $0.isHexDigit }),
                let group = UInt16(part, radix: 16)
            else { return nil }
            groups.append(group)
        }
        return groups
    }
}
