import Foundation
import LambdaEvents
import PropertyBased
import Testing

/// The response's own JSON writing (what the runtime posts on every invocation) must give the bytes the streaming
/// encoder gives for its `Encodable` conformance, and read back as the same response; the tree it makes for a trace
/// must be those bytes read back.
@Suite("API Gateway HTTP API response written as JSON by itself")
struct APIGatewayV2ResponseJSONBytesTests {
    static let response = Generator<APIGatewayV2Response, Shrink.None<APIGatewayV2Response>> { rng in
        let scalars: [Unicode.Scalar] = ["a", "Z", "-", " ", "/", "\"", "\\", "\n", "\u{01}", "é", "😀", "{", ":"]
        func text() -> String {
            String(
                String.UnicodeScalarView(
                    (0..<Int.random(in: 0...10, using: &rng)).map { _ in
                        scalars.randomElement(using: &rng)!
                    }))
        }
        var headers: [String: String] = [:]
        for _ in 0..<Int.random(in: 0...7, using: &rng) { headers[text()] = text() }
        let cookies = (0..<Int.random(in: 0...3, using: &rng)).map { _ in text() }
        return APIGatewayV2Response(
            statusCode: Int.random(in: -1_000...1_000, using: &rng),
            headers: Bool.random(using: &rng) ? headers : nil,
            cookies: Bool.random(using: &rng) ? cookies : nil,
            body: Bool.random(using: &rng) ? text() : nil,
            isBase64Encoded: Bool.random(using: &rng) ? Bool.random(using: &rng) : nil)
    }

    @Test func generatedResponsesAreWrittenAsTheStreamingEncoderWritesThem() async throws {
        await propertyCheck(count: 500, input: Self.response) { response in
            let streamed = try StreamingJSONEncoder().encode(response)
            let readBack = try JSONDecoder().decode(APIGatewayV2Response.self, from: Data(response.jsonBytes))
            #expect(response.jsonBytes == streamed)
            #expect(readBack == response)
            #expect(response.jsonValue == JSONValue(parsing: streamed), "the tree is the text read back")
            #expect(response.jsonValue == (try JSONValue(encoding: response)), "the tree is the encoding's")
        }
    }

    @Test func aTypicalAnswerReadsAsExpected() {
        let response = APIGatewayV2Response(
            statusCode: 200, headers: ["x-b": "2", "content-type": "application/json"], body: #"{"ok":true}"#)
        #expect(
            String(decoding: response.jsonBytes, as: UTF8.self)
                == #"{"statusCode":200,"headers":{"content-type":"application/json","x-b":"2"},"body":"{\"ok\":true}"}"#
        )
    }
}
