import Foundation
import LambdaEvents
import Logging
import Observability
import Testing

/// What a log line or a trace keeps of an event or a response: no secret at any depth, no body that cannot be
/// checked, and in traces no personal data.
@Suite struct RedactionTests {
    /// An API Gateway event whose `body` is `body`.
    static func event(body: String, base64: Bool = false) -> JSONValue {
        [
            "rawPath": "/auth/reset", "isBase64Encoded": .bool(base64),
            "headers": ["content-type": "application/x-www-form-urlencoded"], "body": .string(body),
        ]
    }

    @Test func bodiesThatAreNotJSONOrTooLargeAreLoggedAsTheirSizeOnly() throws {
        let fixture = LoggerFixture(LoggerConfiguration(service: "auth", logsEvent: true))
        let form = "email=ada%40example.com&password=Form-Secret-1&code=Code-Secret-4"
        let base64 = Data(#"{"password":"Base64-Secret-2"}"#.utf8).base64EncodedString()
        let large = #"{"password":"Large-Secret-3","padding":""# + String(repeating: "x", count: 70_000) + #""}"#
        for body in [form, base64, large] {
            _ = fixture.logger.startInvocation(
                LoggerFixture.context(), correlationID: nil, event: Self.event(body: body, base64: body == base64))
        }
        #expect(fixture.sink.lines.count == 3)
        for (line, body) in zip(fixture.sink.lines, [form, base64, large]) {
            for secret in ["Form-Secret-1", "Code-Secret-4", base64, "Large-Secret-3"] {
                #expect(!line.contains(secret), "\(secret) reached the log")
            }
            #expect(line.contains("[REDACTED: \(body.utf8.count) bytes]"))
        }
    }

    @Test func oneTimeCodesAndTokensAreSecretsAtAnyDepthButOtherCodesAreNot() {
        let value: JSONValue = [
            "code": "123456", "OTP": "987654", "statusCode": 200, "errorCode": "E42",
            "tokens": ["accessToken": "at", "idToken": "it", "refreshToken": "rt", "expiresIn": 3600],
            "list": [["otp": "111"], ["nested": .string(#"{"code":"222","kept":"yes"}"#)]],
        ]
        let redacted = Redaction.secrets.redacted(value)
        #expect(redacted["code"] == .string("[REDACTED]") && redacted["OTP"] == .string("[REDACTED]"))
        #expect(redacted["statusCode"] == .integer(200) && redacted["errorCode"] == .string("E42"))
        #expect(redacted["tokens"] == .string("[REDACTED]"), "a key holding `token` is a secret, whatever its value")
        #expect(redacted["list"]?.arrayValue?[0]["otp"] == .string("[REDACTED]"))
        #expect(redacted["list"]?.arrayValue?[1]["nested"] == ["code": "[REDACTED]", "kept": "yes"])
    }

    @Test func aTracedResponseKeepsItsShapeButNoSecretNorPersonalData() {
        let profile: JSONValue = [
            "statusCode": 200,
            "headers": ["content-type": "application/json", "etag": "\"3\""],
            "body": .string(
                #"{"userId":"u1","email":"ada@example.com","name":"Ada","phone":"+14155550123","address":{"line1":"12 Rue de Rivoli","city":"Paris"},"version":3}"#
            ),
        ]
        let kept = Redaction.traceMetadata.redacted(profile)
        #expect(kept["statusCode"] == .integer(200) && kept["headers"]?["etag"] == .string("\"3\""))
        #expect(
            kept["body"] == [
                "userId": "u1", "email": "[REDACTED]", "name": "[REDACTED]", "phone": "[REDACTED]",
                "address": "[REDACTED]", "version": 3,
            ])
        let login: JSONValue = [
            "statusCode": 200,
            "body": .string(#"{"accessToken":"a","idToken":"i","refreshToken":"r","expiresIn":3600}"#),
        ]
        #expect(
            Redaction.traceMetadata.redacted(login)["body"] == [
                "accessToken": "[REDACTED]", "idToken": "[REDACTED]", "refreshToken": "[REDACTED]", "expiresIn": 3600,
            ])
        #expect(
            Redaction.traceMetadata.redacted(["body": "<html>secret</html>"])["body"] == .string("[REDACTED: 19 bytes]")
        )
        #expect(
            Redaction.secrets.redacted(profile)["body"]?["email"] == .string("ada@example.com"),
            "log lines keep personal data, as the logger does")
    }

    @Test func aURLQueryLosesItsSensitiveParameters() {
        #expect(
            Redaction.traceMetadata.redacted(
                query: "state=s1&code=123456&access_token=t&email=a%40b.c&next=%2Fhome&flag")
                == "state=s1&code=[REDACTED]&access_token=[REDACTED]&email=[REDACTED]&next=%2Fhome&flag")
    }
}
