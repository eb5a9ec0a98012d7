import Foundation
import LambdaEvents
import Testing

@Suite("API Gateway HTTP API payload 2.0 response")
struct APIGatewayV2ResponseTests {
    @Test func decodesAndReencodesEveryField() throws {
        let response = try expectRoundTrip(
            APIGatewayV2Response.self,
            """
            {"cookies": ["c1=v1; Path=/", "c2=v2; Secure"], "isBase64Encoded": true, "statusCode": 201,
             "headers": {"content-type": "image/png", "location": "/orders/42"}, "body": "iVBORw0K"}
            """
        )
        #expect(response.statusCode == 201)
        #expect(response.cookies?.count == 2)
        #expect(response.bodyBytes() == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A])
    }

    @Test func anObjectWithStatusCodeIsAFullResponse() throws {
        let response = try APIGatewayV2Response(lambdaOutput: Array(#"{"statusCode": 404, "body": "gone"}"#.utf8))
        #expect(response == APIGatewayV2Response(statusCode: 404, body: "gone"))
    }

    @Test func anObjectWithoutStatusCodeIsTheBodyOfA200() throws {
        let output = #"{"message": "x", "body": "not a response field here"}"#
        let response = try APIGatewayV2Response(lambdaOutput: Array(output.utf8))
        #expect(response.statusCode == 200)
        #expect(response.headers == ["content-type": "application/json"])
        #expect(response.body == output)
        #expect(response.isBase64Encoded == false)
    }

    @Test func aJSONStringBecomesItsText() throws {
        let response = try APIGatewayV2Response(lambdaOutput: Array(#""Hello from Lambda!""#.utf8))
        #expect(response.statusCode == 200)
        #expect(response.body == "Hello from Lambda!")
    }

    @Test func otherJSONValuesAreTheBodyAsReturned() throws {
        #expect(try APIGatewayV2Response(lambdaOutput: Array("[1,2]".utf8)).body == "[1,2]")
        #expect(try APIGatewayV2Response(lambdaOutput: Array("42".utf8)).body == "42")
    }

    @Test func outputThatIsNotJSONIsMalformed() {
        #expect(throws: APIGatewayV2Response.MalformedOutput.self) {
            try APIGatewayV2Response(lambdaOutput: Array("<html>".utf8))
        }
    }

    @Test func aStatusCodeOfTheWrongTypeIsMalformed() {
        #expect(throws: APIGatewayV2Response.MalformedOutput.self) {
            try APIGatewayV2Response(lambdaOutput: Array(#"{"statusCode": "two hundred"}"#.utf8))
        }
    }

    @Test func aBodyThatClaimsBase64ButIsNotHasNoBytes() {
        #expect(APIGatewayV2Response(statusCode: 200, body: "%%%", isBase64Encoded: true).bodyBytes() == nil)
    }
}
