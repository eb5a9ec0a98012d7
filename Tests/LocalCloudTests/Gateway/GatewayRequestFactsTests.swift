import Foundation
import Testing

@testable import LocalCloud

/// The facts the gateway writes for every request by hand: the event's `requestContext.time` and the
/// `apigw-requestid`.
@Suite struct GatewayRequestFactsTests {
    @Test(arguments: [
        (1_795_901_809_123 as Int64, "28/Nov/2026:21:36:49 +0000"),
        (1_799_118_245_007, "05/Jan/2027:03:04:05 +0000"),
        (946_684_799_999, "31/Dec/1999:23:59:59 +0000"),
        (0, "01/Jan/1970:00:00:00 +0000"),
    ])
    func theRequestTimeIsAPIGatewaysFormatInUTC(_ milliseconds: Int64, _ expected: String) {
        #expect(APIGatewayEventBuilder.requestTime(milliseconds: milliseconds) == expected)
    }

    @Test func requestIDsAreElevenRandomBytesInURLSafeBase64() throws {
        let ids = (0..<1_000).map { _ in APIGateway.makeRequestID() }
        #expect(Set(ids).count == ids.count)
        var decoded: [Data] = []
        for id in ids {
            #expect(id.utf8.count == 16 && id.hasSuffix("="))
            let standard = id.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            let bytes = try #require(Data(base64Encoded: standard), "\(id)")
            #expect(bytes.count == 11)
            decoded.append(bytes)
        }
        // Each of the eleven bytes takes many values across a thousand ids: none is stuck at zero or a constant.
        for position in 0..<11 {
            let values = Set(decoded.map { $0[$0.startIndex + position] })
            #expect(values.count > 200, "byte \(position) took \(values.count) values")
        }
    }
}
