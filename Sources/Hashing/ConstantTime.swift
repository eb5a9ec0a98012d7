/// Comparisons of secrets (password hashes, codes, signatures) that take the same time wherever the inputs differ,
/// so that timing tells an attacker nothing about how much of a guess was right.
package enum ConstantTime {
    /// Whether `lhs` and `rhs` hold the same bytes. Only their lengths, which are not secret, affect the time taken.
    package static func equal(_ lhs: some Collection<UInt8>, _ rhs: some Collection<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) {
            difference |= left ^ right
        }
        return difference == 0
    }
}
