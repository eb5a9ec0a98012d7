import Testing

@testable import LambdaRuntime

/// The pieces of HTTP/1.1's syntax that the runtime's and the emulator's readers share.
@Suite("HTTP syntax")
struct HTTPSyntaxTests {
    @Test func tokenBytesAreExactlyRFC9110sTchar() {
        let tchar = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".utf8)
        for byte in UInt8.min...UInt8.max {
            #expect(HTTPSyntax.isTokenByte(byte) == tchar.contains(byte), "byte \(byte)")
        }
    }

    @Test func fieldNamesCompareInEitherCase() {
        #expect(HTTPSyntax.sameFieldName("Content-Length", "content-length"))
        #expect(!HTTPSyntax.sameFieldName("Content-Length", "content-lengths"))
        #expect(!HTTPSyntax.sameFieldName("X-[", "x-{"), "only letters fold")
    }
}
