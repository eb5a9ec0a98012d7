import Foundation
import LambdaEvents
import Middleware
import Services
import Testing

/// `/health`'s own JSON writing must give the bytes the streaming encoder gives for its `Encodable` conformance.
@Suite("Health status written as JSON by itself")
struct HealthStatusJSONBytesTests {
    @Test(arguments: [
        HealthStatus(status: "ok", version: "1.2.3", coldStart: true, checks: ["store": HealthStatus.passing]),
        HealthStatus(
            status: "degraded", version: "dev \"quoted\" \\ é 😀\n", coldStart: false,
            checks: ["store": HealthStatus.failing, "bus": HealthStatus.passing, "Zeta": "ok", "alpha": "x"]),
        HealthStatus(status: "ok", version: "", coldStart: false, checks: [:]),
    ])
    func writesTheBytesOfTheStreamingEncoder(status: HealthStatus) throws {
        #expect(status.jsonBytes == (try StreamingJSONEncoder().encode(status)))
        #expect(try JSONDecoder().decode(HealthStatus.self, from: Data(status.jsonBytes)) == status)
    }

    @Test func aFailingStoreReadsAsExpected() {
        let status = HealthStatus(
            status: "degraded", version: "1.0.0", coldStart: true, checks: ["store": HealthStatus.failing])
        #expect(
            String(decoding: status.jsonBytes, as: UTF8.self)
                == #"{"status":"degraded","version":"1.0.0","coldStart":true,"checks":{"store":"unavailable"}}"#)
    }

    /// `/health` answers an `APIResponse` of a `HealthStatus`: the compiler picks the initializer for bodies that write
    /// themselves, so the answer is written without the encoder or a conformance search; any other body keeps the
    /// encoder.
    @Test func anAnswerOfAHealthStatusIsWrittenByTheStatusItself() throws {
        let status = HealthStatus(status: "ok", version: "1", coldStart: false, checks: ["store": "ok"])
        let answer = APIResponse(status: .ok, body: status)
        let writer = try #require(answer.bodyWriter)
        #expect(writer(status) == status.jsonBytes)
        #expect(APIResponse(status: .ok, body: ["plain": "dictionary"]).bodyWriter == nil)
    }
}
