import Foundation
import LambdaEvents
import Testing

@Suite("API Gateway HTTP API payload 2.0 request")
struct APIGatewayV2RequestTests {
    /// Every documented field, including a JWT authorizer, a Lambda authorizer context, IAM and mutual TLS.
    static let fullRequest = """
        {
          "version": "2.0",
          "routeKey": "POST /orders/{id}",
          "rawPath": "/orders/42",
          "rawQueryString": "parameter1=value1&parameter1=value2&parameter2=value",
          "cookies": ["cookie1=a", "cookie2=b"],
          "headers": {"header1": "value1", "header2": "value1,value2", "content-type": "application/json"},
          "queryStringParameters": {"parameter1": "value1,value2", "parameter2": "value"},
          "requestContext": {
            "accountId": "123456789012",
            "apiId": "api-id",
            "authentication": {
              "clientCert": {
                "clientCertPem": "CERT_CONTENT",
                "subjectDN": "www.example.com",
                "issuerDN": "Example issuer",
                "serialNumber": "a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1:a1",
                "validity": {"notBefore": "May 28 12:30:02 2019 GMT", "notAfter": "Aug  5 09:36:04 2021 GMT"}
              }
            },
            "authorizer": {
              "jwt": {
                "claims": {"sub": "user-1", "cognito:groups": "[staff]", "exp": "1795469809"},
                "scopes": ["orders/read", "orders/write"]
              },
              "lambda": {"tenant": "acme", "tier": 3, "beta": true, "limits": {"rps": 10}},
              "iam": {
                "accessKey": "ASIAEXAMPLE",
                "accountId": "123456789012",
                "callerId": "AIDAEXAMPLE",
                "cognitoIdentity": {"amr": ["foo"], "identityId": "us-east-1:id", "identityPoolId": "us-east-1:pool"},
                "principalOrgId": "o-example",
                "userArn": "arn:aws:iam::123456789012:user/alice",
                "userId": "AIDAEXAMPLE"
              }
            },
            "domainName": "id.execute-api.us-east-1.amazonaws.com",
            "domainPrefix": "id",
            "http": {
              "method": "POST",
              "path": "/orders/42",
              "protocol": "HTTP/1.1",
              "sourceIp": "192.0.2.1",
              "userAgent": "agent"
            },
            "requestId": "id",
            "routeKey": "POST /orders/{id}",
            "stage": "$default",
            "time": "12/Mar/2020:19:03:58 +0000",
            "timeEpoch": 1583348638390
          },
          "body": "eyJxdWFudGl0eSI6IDJ9",
          "pathParameters": {"id": "42"},
          "isBase64Encoded": true,
          "stageVariables": {"stageVariable1": "value1"}
        }
        """

    @Test func decodesAndReencodesEveryDocumentedField() throws {
        let request = try expectRoundTrip(APIGatewayV2Request.self, Self.fullRequest)
        #expect(request.routeKey == "POST /orders/{id}")
        #expect(request.cookies == ["cookie1=a", "cookie2=b"])
        #expect(request.headers["header2"] == "value1,value2")
        #expect(request.queryStringParameters?["parameter1"] == "value1,value2")
        #expect(request.pathParameters == ["id": "42"])
        #expect(request.stageVariables == ["stageVariable1": "value1"])
        #expect(request.isBase64Encoded)
        #expect(request.body == "eyJxdWFudGl0eSI6IDJ9")
        let context = request.requestContext
        #expect(context.http.method == "POST")
        #expect(context.http.sourceIp == "192.0.2.1")
        #expect(context.timeEpoch == 1_583_348_638_390)
        #expect(context.authorizer?.jwt?.claims["cognito:groups"] == "[staff]")
        #expect(context.authorizer?.jwt?.scopes == ["orders/read", "orders/write"])
        #expect(context.authorizer?.lambda?["tier"] == .integer(3))
        #expect(context.authorizer?.lambda?["limits"] == .object(["rps": .integer(10)]))
        #expect(context.authorizer?.iam?.cognitoIdentity?.identityPoolId == "us-east-1:pool")
        #expect(context.authentication?.clientCert.validity.notAfter == "Aug  5 09:36:04 2021 GMT")
    }

    @Test func optionalPartsStayAbsent() throws {
        let minimal = """
            {
              "version": "2.0", "routeKey": "GET /health", "rawPath": "/health", "rawQueryString": "",
              "headers": {"accept": "*/*"},
              "requestContext": {
                "accountId": "123456789012", "apiId": "local", "domainName": "localhost", "domainPrefix": "localhost",
                "http": {"method": "GET", "path": "/health", "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "curl"},
                "requestId": "r1", "routeKey": "GET /health", "stage": "$default",
                "time": "22/Nov/2026:21:36:49 +0000", "timeEpoch": 1795469809000
              },
              "isBase64Encoded": false
            }
            """
        let request = try expectRoundTrip(APIGatewayV2Request.self, minimal)
        #expect(request.cookies == nil)
        #expect(request.queryStringParameters == nil)
        #expect(request.pathParameters == nil)
        #expect(request.body == nil)
        #expect(request.requestContext.authorizer == nil)
    }

    @Test func rejectsARequestWithoutItsContext() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(
                APIGatewayV2Request.self, from: Data(#"{"version":"2.0","routeKey":"$default","rawPath":"/"}"#.utf8))
        }
    }

    /// Copies share their members until one changes: a change to a copy never shows in the request it came from,
    /// nor in other copies, whichever member it touches.
    @Test func aChangedCopyLeavesTheOriginalAsItWas() throws {
        let original = try JSONDecoder().decode(APIGatewayV2Request.self, from: Data(Self.fullRequest.utf8))
        var changed = original
        let untouched = original
        changed.headers["x-added"] = "1"
        changed.requestContext.http.method = "DELETE"
        changed.body = nil
        changed.pathParameters?["id"] = "43"
        #expect(original == untouched)
        #expect(original.headers["x-added"] == nil)
        #expect(original.requestContext.http.method == "POST")
        #expect(original.body == "eyJxdWFudGl0eSI6IDJ9")
        #expect(original.pathParameters == ["id": "42"])
        #expect(changed.headers["x-added"] == "1" && changed.requestContext.http.method == "DELETE")
        #expect(changed.body == nil && changed.pathParameters == ["id": "43"])
        #expect(changed != original)
    }
}
