import JSONCoding

/// Reads secrets through a ``SecretStore`` and keeps each for a maximum age, as Powertools' parameters utility does:
/// five minutes unless the caller says otherwise, a forced fetch on demand, JSON secrets decoded to a type. Callers
/// asking for a secret that is being fetched wait for that one fetch instead of starting their own; a failed fetch
/// is not kept, so the next call tries again.
public actor SecretCache {
    /// How long a value is used before it is fetched again, unless the caller says otherwise: five minutes.
    public static let defaultMaximumAge: Duration = .seconds(300)

    private struct Entry {
        let value: SecretValue
        let fetchedMilliseconds: Int64
    }

    private let store: any SecretStore
    private let clock: any Clock
    private var entries: [String: Entry] = [:]
    private var fetches: [String: Task<Result<SecretValue, SecretStoreError>, Never>] = [:]

    /// A cache over `store` that tells the age of its values by `clock`.
    public init(store: any SecretStore, clock: any Clock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// The secret `name`: the kept value when it is younger than `maximumAge` and `forceFetch` is false, else a
    /// value fetched now (and kept).
    /// - Throws: the store's ``SecretStoreError``.
    public func value(
        _ name: String,
        maximumAge: Duration = SecretCache.defaultMaximumAge,
        forceFetch: Bool = false
    ) async throws(SecretStoreError) -> SecretValue {
        let now = self.clock.nowMilliseconds
        if !forceFetch, let entry = self.entries[name], now - entry.fetchedMilliseconds < maximumAge.milliseconds {
            return entry.value
        }
        let fetch: Task<Result<SecretValue, SecretStoreError>, Never>
        if let running = self.fetches[name] {
            fetch = running
        } else {
            let store = self.store
            fetch = Task {
                do throws(SecretStoreError) { return .success(try await store.secretValue(name)) } catch {
                    return .failure(error)
                }
            }
            self.fetches[name] = fetch
        }
        let result = await fetch.value
        if self.fetches[name] == fetch {
            self.fetches[name] = nil
            if case .success(let value) = result {
                self.entries[name] = Entry(value: value, fetchedMilliseconds: self.clock.nowMilliseconds)
            }
        }
        return try result.get()
    }

    /// The JSON secret `name` decoded as `type` (Powertools' `transform="json"`), with the same caching as
    /// ``value(_:maximumAge:forceFetch:)``.
    /// - Throws: ``SecretStoreError/Code/undecodable`` when the value is not JSON of that shape (the message names
    ///   the secret and the type, never the value), or the store's error.
    public func decoded<Value: Decodable>(
        _ type: Value.Type,
        from name: String,
        maximumAge: Duration = SecretCache.defaultMaximumAge,
        forceFetch: Bool = false
    ) async throws(SecretStoreError) -> Value {
        let secret = try await self.value(name, maximumAge: maximumAge, forceFetch: forceFetch)
        let bytes: [UInt8] =
            switch secret.payload {
            case .string(let text): Array(text.utf8)
            case .binary(let data): data
            }
        do {
            return try JSONValueDecoder().decode(Value.self, from: bytes)
        } catch {
            throw SecretStoreError(.undecodable, "The secret \(name) is not JSON of the shape of \(Value.self)")
        }
    }
}

extension Duration {
    /// The duration in whole milliseconds.
    fileprivate var milliseconds: Int64 {
        self.components.seconds * 1000 + self.components.attoseconds / 1_000_000_000_000_000
    }
}
