import Foundation
import LambdaEvents
import PropertyBased
import Testing

/// Base64 as API Gateway carries binary bodies, against Foundation's, which it replaces in the Lambda binary.
@Suite struct Base64Tests {
    @Test func roundTripsAndMatchesFoundation() async {
        await propertyCheck(count: 500, input: Gen.uint8().array(of: 0...40)) { bytes in
            let text = Base64.encode(bytes)
            #expect(text == Data(bytes).base64EncodedString())
            #expect(Base64.decode(text) == bytes)
        }
    }

    @Test(arguments: ["", "Zg==", "Zm8=", "Zm9v", "+/+/", "AAECAwQFBgcICQ=="])
    func acceptsPaddedStandardBase64(_ text: String) {
        #expect(Base64.decode(text) == Data(base64Encoded: text).map(Array.init))
    }

    /// Stricter than Foundation, which reads `Zg===` and `Zm=v`: `=` only pads the last group.
    @Test(arguments: ["Zg", "Zg=", "Zg===", "Z===", "====", "Zm9v\n", "Zm 9", "Zm=v", "-_-_", "Zg==Zg==", "é123"])
    func refusesAnythingElse(_ text: String) {
        #expect(Base64.decode(text) == nil)
    }

    /// The URL form, as JWTs carry their parts: `-` and `_`, no padding, the same bytes.
    @Test func theURLFormRoundTripsWithoutPadding() async {
        await propertyCheck(count: 500, input: Gen.uint8().array(of: 0...40)) { bytes in
            let text = Base64.encode(bytes, .url)
            let standard = Data(bytes).base64EncodedString()
            #expect(text == standard.replacing("+", with: "-").replacing("/", with: "_").replacing("=", with: ""))
            #expect(Base64.decode(text, .url) == bytes)
        }
        for refused in ["Zg==", "Z", "+/+/", "Zm9v!", "Zm9v\n"] { #expect(Base64.decode(refused, .url) == nil) }
        #expect(Base64.decode("-_8", .url) == [0xFB, 0xFF])
    }
}
