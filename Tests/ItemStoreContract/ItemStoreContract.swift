public import Cloud
public import Testing

/// The behaviour every ``ItemStore`` adapter must show, written against the port only.
///
/// An adapter's test suite runs every check with a factory for its store:
///
/// ```swift
/// @Test(arguments: ItemStoreContract.checks)
/// func contract(_ check: ItemStoreContract.Check) async throws {
///     try await check.run(makeStore())
/// }
/// ```
///
/// Checks key their items under a fresh random namespace, so they may share one store (one DynamoDB table).
public enum ItemStoreContract {
    /// One named behaviour.
    public struct Check: Sendable, CustomTestStringConvertible {
        public let name: String
        let body: @Sendable (any ItemStore, Namespace) async throws -> Void

        init(name: String, _ body: @escaping @Sendable (any ItemStore, Namespace) async throws -> Void) {
            self.name = name
            self.body = body
        }

        public var testDescription: String { self.name }

        /// Runs the check against `store`.
        public func run(_ store: any ItemStore) async throws {
            try await self.body(store, Namespace())
        }
    }

    /// Every check of the contract.
    public static var checks: [Check] {
        itemChecks + updateChecks + conditionChecks + transactionChecks + queryChecks + indexChecks + limitChecks
            + tenancyChecks + concurrencyChecks
    }
}

/// A random prefix for one check's keys.
struct Namespace: Sendable {
    let prefix = "contract-\(UInt64.random(in: 0...UInt64.max))"

    func key(_ partition: String, _ sort: String = "DETAILS") -> ItemKey {
        ItemKey(partition: "\(self.prefix)#\(partition)", sort: sort)
    }

    /// An item with `key`'s attributes plus `attributes`.
    func item(_ partition: String, _ sort: String = "DETAILS", _ attributes: [String: AttributeValue] = [:]) -> Item {
        let key = self.key(partition, sort)
        return Item(key.attributes.merging(attributes) { _, new in new })
    }
}

/// Expects `body` to throw an ``ItemStoreError`` that `matches` accepts, and returns it.
@discardableResult
func expectStoreError(
    _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> Void,
    matches: (ItemStoreError) -> Bool
) async -> ItemStoreError? {
    do {
        try await body()
        Issue.record(
            "expected an ItemStoreError, but nothing was thrown. \(comment.map(String.init(describing:)) ?? "")",
            sourceLocation: sourceLocation)
        return nil
    } catch let error as ItemStoreError {
        #expect(matches(error), "unexpected error \(error)", sourceLocation: sourceLocation)
        return error
    } catch {
        Issue.record("expected an ItemStoreError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

extension ItemStoreError {
    var isConditionalCheckFailed: Bool {
        if case .conditionalCheckFailed = self { true } else { false }
    }

    var isValidation: Bool {
        switch self {
        case .validation, .itemTooLarge: true
        default: false
        }
    }
}
