import JSONCoding
public import LambdaEvents
public import LambdaRuntime

extension Idempotency {
    /// The request header that carries the client's idempotency key.
    public static let headerName = "idempotency-key"
    /// The longest idempotency key accepted.
    public static let maximumKeyLength = 255

    /// Answers an HTTP request at most once per `Idempotency-Key`: a repeat gets the stored answer exactly, a repeat
    /// while the first is running gets 409, the key with a different request gets 422. Requests without the header
    /// are answered normally. Keys belong to the caller (the JWT's `sub`), so two callers never share one, and a key
    /// sent without an authenticated caller is refused (400) rather than shared by every anonymous client; answers
    /// of 500 and above are not kept, so the client's retry runs again.
    public func respond(
        to request: APIRequest,
        context: LambdaContext,
        operation: () async throws -> APIGatewayV2Response
    ) async throws -> APIGatewayV2Response {
        guard let key = request.header(Self.headerName) else {
            return try await operation()
        }
        guard (1...Self.maximumKeyLength).contains(key.utf8.count),
            key.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E })
        else {
            throw HTTPError.badRequest(
                "The Idempotency-Key header must be 1 to \(Self.maximumKeyLength) visible ASCII characters")
        }
        guard let caller = request.claims?["sub"], !caller.isEmpty else {
            throw HTTPError.badRequest("An Idempotency-Key needs an authenticated caller, whose keys it belongs to")
        }
        var payload = Array("\(request.method.rawValue) \(request.path)?\(request.event.rawQueryString)\n".utf8)
        payload += Self.fingerprintBytes(of: try request.bodyBytes())
        do {
            return try await self.execute(
                key: "\(caller)\n\(key)",
                payload: payload,
                context: context,
                isFinal: { $0.statusCode < 500 },
                operation: operation
            )
        } catch IdempotencyError.alreadyInProgress {
            var error = HTTPError.conflict("A request with this Idempotency-Key is still in progress; retry it later")
            error.headers[.retryAfter] = "1"
            throw error
        } catch IdempotencyError.persistence(let error) {
            // The store's own failure, answered as the router answers it (503 when the store is unavailable).
            throw error
        } catch IdempotencyError.payloadMismatch {
            throw HTTPError(
                .unprocessableContent, detail: "This Idempotency-Key was already used with a different request")
        }
    }

    /// The bytes a body is fingerprinted by: a JSON body in its ``CanonicalJSON`` spelling (members sorted, no
    /// whitespace, numbers with every digit), so that a client's retry that writes the same JSON another way is the
    /// same request, as Powertools hashes the parsed payload; any other body, and JSON whose objects repeat a key, as
    /// it is.
    static func fingerprintBytes(of body: [UInt8]) -> [UInt8] {
        CanonicalJSON.bytes(of: body) ?? body
    }
}
