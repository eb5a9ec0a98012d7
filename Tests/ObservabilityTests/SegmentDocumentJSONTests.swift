import Foundation
import LambdaEvents
import Observability
import Testing

/// Segment documents are written through the one JSON writer: the same numbers, escapes and member order as every
/// other JSON output, and always a document X-Ray (and Foundation) reads.
@Suite struct SegmentDocumentJSONTests {
    @Test func numbersAreWrittenAsEveryJSONOutputWritesThem() throws {
        var document = SegmentDocument(
            name: "orders", id: "53995c3f42cd8ad8", traceID: "1-5759e988-bd862e3fe1be46a994272793",
            startTime: 1_700_000_000)
        document.endTime = 1_700_000_000.25
        document.http = .init(response: .init(status: 201, contentLength: 17))
        document.metadata = [
            "orders": [
                "ratio": .number(0.1), "whole": .number(3), "least": .integer(.min), "note": "line\nbreak \"quoted\"",
            ]
        ]

        let text = String(decoding: document.jsonBytes, as: UTF8.self)
        #expect(
            text.hasPrefix(
                #"{"name":"orders","id":"53995c3f42cd8ad8","trace_id":"1-5759e988-bd862e3fe1be46a994272793","start_time":1700000000,"end_time":1700000000.25,"#
            ))
        #expect(text.contains(#""http":{"response":{"status":201,"content_length":17}}"#))
        #expect(
            text.contains(
                #""metadata":{"orders":{"least":-9223372036854775808,"note":"line\nbreak \"quoted\"","ratio":0.1,"whole":3}}"#
            ))
        #expect(try JSONSerialization.jsonObject(with: Data(document.jsonBytes)) is [String: Any])
    }
}
