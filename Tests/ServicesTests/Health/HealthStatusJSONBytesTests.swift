import Foundation
import LambdaEvents
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
}
