public import Cloud
import Synchronization

/// An ``IdentifierSource`` whose ids a test knows in advance: well-formed UUIDs numbered from 1, the number in the
/// last group (`00000000-0000-4000-8000-000000000001`, then `…002`).
///
/// ```swift
/// let identifiers = SequentialIdentifierSource()
/// let api = OrdersAPI(store: store, identifiers: identifiers)
/// // the first order placed is `SequentialIdentifierSource.identifier(1)`
/// ```
public final class SequentialIdentifierSource: IdentifierSource {
    private let made: Mutex<Int>

    /// A source whose next id is number `next`.
    public init(next: Int = 1) {
        self.made = Mutex(next - 1)
    }

    /// The next id in the sequence.
    public func makeIdentifier() -> String {
        Self.identifier(
            self.made.withLock { made in
                made += 1
                return made
            })
    }

    /// The id numbered `number` (at most 12 hexadecimal digits' worth).
    public static func identifier(_ number: Int) -> String {
        let digits = String(number, radix: 16)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits
    }
}
