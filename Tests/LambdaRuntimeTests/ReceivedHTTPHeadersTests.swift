import Testing

@testable import LambdaRuntime

/// A response's header fields as the runtime looks them up on every invocation.
@Suite("Received HTTP headers")
struct ReceivedHTTPHeadersTests {
    private static let headers: ReceivedHTTPHeaders = {
        var headers = ReceivedHTTPHeaders()
        headers.append(name: "Content-Type", value: "application/json")
        headers.append(name: "Lambda-Runtime-Aws-Request-Id", value: "req-1")
        headers.append(name: "X-Two", value: "first")
        headers.append(name: "x-two", value: "second")
        headers.append(name: "X-Tw", value: "shorter")
        headers.append(name: "Über", value: "non-ASCII name")
        return headers
    }()

    @Test func aNameIsFoundInAnyCase() {
        #expect(Self.headers.first(name: "lambda-runtime-aws-request-id") == "req-1")
        #expect(Self.headers.first(name: "LAMBDA-RUNTIME-AWS-REQUEST-ID") == "req-1")
        #expect(Self.headers.first(name: "content-type") == "application/json")
    }

    @Test func theFirstOfRepeatedFieldsAnswers() {
        #expect(Self.headers.first(name: "x-two") == "first")
    }

    @Test func aNameThatIsOnlyAPrefixOrOfAnotherLengthIsNotFound() {
        #expect(Self.headers.first(name: "x-tw") == "shorter")
        #expect(Self.headers.first(name: "x-t") == nil)
        #expect(Self.headers.first(name: "x-twos") == nil)
        #expect(Self.headers.first(name: "content-typf") == nil)
        #expect(Self.headers.first(name: "") == nil)
    }

    @Test func theFieldsComeInTheirOrderWithTheirNamesAsTheyCame() {
        #expect(
            Self.headers.fields.map(\.name) == [
                "Content-Type", "Lambda-Runtime-Aws-Request-Id", "X-Two", "x-two", "X-Tw", "Über",
            ])
        #expect(
            Self.headers.fields.map(\.value) == [
                "application/json", "req-1", "first", "second", "shorter", "non-ASCII name",
            ])
    }

    @Test func invalidUTF8IsRepairedWhenAValueIsRead() {
        var headers = ReceivedHTTPHeaders()
        let name = Array("x-bytes".utf8)
        let value: [UInt8] = [0x61, 0xFF, 0x62]
        headers.append(name: name, value: value)
        #expect(headers.first(name: "X-Bytes") == "a\u{FFFD}b")
        #expect(headers.fields.first?.value == "a\u{FFFD}b")
    }

    @Test func onlyASCIILettersAreFoldedToLowerCase() {
        #expect(Self.headers.first(name: "Über") == "non-ASCII name")
        #expect(Self.headers.first(name: "über") == nil)
        #expect(ReceivedHTTPHeaders().first(name: "content-type") == nil)
    }
}

extension ReceivedHTTPHeaders {
    /// Adds a field whose name and value are `name` and `value`, as the reader adds what came on the wire.
    fileprivate mutating func append(name: String, value: String) {
        self.append(name: Array(name.utf8), value: Array(value.utf8))
    }

    fileprivate mutating func append(name: [UInt8], value: [UInt8]) {
        name.withUnsafeBytes { name in value.withUnsafeBytes { value in self.append(name: name, value: value) } }
    }
}
