import AWS
import Testing

/// What the vectors leave out: S3's options (single encoding, unsigned payload) and the timestamp forms.
@Suite struct SigV4SignerTests {
    static let credentials = AWSCredentials(
        accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let time = AWSTimestamp(secondsSinceEpoch: 1_440_938_160)

    /// S3 encodes the path once, keeps its dot segments and signs `UNSIGNED-PAYLOAD`, which it also sends; the other
    /// services encode the path twice and sign the body's hash.
    @Test(arguments: [
        ("s3", "/bucket/my%20key/../x", "UNSIGNED-PAYLOAD", ["UNSIGNED-PAYLOAD"]),
        ("dynamodb", "/a%2520b/x", "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", []),
    ])
    func serviceOptions(_ service: String, _ canonicalPath: String, _ payloadHash: String, _ sentHash: [String]) {
        var request = SigV4Request(
            method: "PUT", path: service == "s3" ? "/bucket/my%20key/../x" : "/a%20b/y/../x",
            headers: [.init("Host", "\(service).amazonaws.com")], body: Array("{}".utf8))
        let signature = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: service)
            .signHeaders(&request, at: Self.time)
        let lines = signature.canonicalRequest.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[1] == canonicalPath)
        #expect(lines.last.map(String.init) == payloadHash)
        #expect(request.values(of: "x-amz-content-sha256") == sentHash)
    }

    @Test func signingAgainReplacesTheEarlierHeaders() {
        var request = SigV4Request(method: "GET", path: "/", headers: [.init("Host", "example.amazonaws.com")])
        let signer = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "service")
        let first = signer.signHeaders(&request, at: Self.time)
        let second = signer.signHeaders(&request, at: Self.time)
        #expect(first == second)
        #expect(request.values(of: "authorization").count == 1)
        #expect(request.values(of: "x-amz-date") == ["20150830T123600Z"])
    }

    @Test func presigningAgainSignsTheRequestNotTheEarlierSignature() {
        let signer = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "service")
        var once = SigV4Request(
            method: "GET", path: "/", query: "a=1", headers: [.init("Host", "example.amazonaws.com")])
        var twice = once
        let first = signer.presign(&once, at: Self.time, expiresIn: 60)
        signer.presign(&twice, at: Self.time, expiresIn: 60)
        let second = signer.presign(&twice, at: Self.time, expiresIn: 60)
        #expect(first == second)
        #expect(once.query == twice.query)
    }

    /// Neither a signed request nor its signature prints the session token or the Authorization header.
    @Test func descriptionsGiveNoSecretAway() {
        let credentials = AWSCredentials(
            accessKeyID: "ASIAEXAMPLE", secretAccessKey: "secret-key-value", sessionToken: "session-token-value")
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "service")
        var signed = SigV4Request(method: "GET", path: "/", headers: [.init("Host", "example.amazonaws.com")])
        let signature = signer.signHeaders(&signed, at: Self.time)
        var presigned = SigV4Request(method: "GET", path: "/", headers: [.init("Host", "example.amazonaws.com")])
        signer.presign(&presigned, at: Self.time, expiresIn: 60)
        for text in [
            "\(signed)", String(reflecting: signed), "\(signature)", String(reflecting: signature), "\(presigned)",
        ] {
            #expect(!text.contains("session-token-value"), "\(text)")
            #expect(!text.contains("secret-key-value"), "\(text)")
        }
        #expect(!"\(signed)".contains(signature.signature), "the Authorization header is redacted")
    }

    @Test func presignedLifetimesAreClampedToSevenDays() {
        var request = SigV4Request(method: "GET", path: "/", headers: [.init("Host", "example.amazonaws.com")])
        SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "service")
            .presign(&request, at: Self.time, expiresIn: 10_000_000)
        #expect(request.query.contains("X-Amz-Expires=604800&"))
    }

    @Test(arguments: [
        ("2015-08-30T12:36:00Z", Int64(1_440_938_160)), ("2015-08-30T12:36:00.123Z", 1_440_938_160),
        ("2000-02-29T00:00:00+00:00", 951_782_400), ("1969-12-31T23:59:59Z", -1),
    ])
    func timestampsParse(_ text: String, _ seconds: Int64) {
        #expect(AWSTimestamp(iso8601: text)?.secondsSinceEpoch == seconds)
    }

    /// Both forms zero-padded, also for years before 1000 and after 9999, and each ISO 8601 text read back.
    @Test(arguments: [
        (Int64(1_440_938_160), "20150830T123600Z", "2015-08-30T12:36:00Z"),
        (951_782_400, "20000229T000000Z", "2000-02-29T00:00:00Z"),
        (-1, "19691231T235959Z", "1969-12-31T23:59:59Z"),
        (-30_636_384_833, "09990304T050607Z", "0999-03-04T05:06:07Z"),
        (253_402_300_799, "99991231T235959Z", "9999-12-31T23:59:59Z"),
        (253_402_300_800, "100000101T000000Z", "10000-01-01T00:00:00Z"),
    ])
    func timestampForms(_ seconds: Int64, _ basic: String, _ iso8601: String) {
        let time = AWSTimestamp(secondsSinceEpoch: seconds)
        #expect(time.basicDateTime == basic)
        #expect(time.basicDate == String(basic.prefix(8)))
        #expect(time.iso8601 == iso8601)
        if seconds < 253_402_300_800 {
            #expect(AWSTimestamp(iso8601: iso8601) == time)
        }
    }

    @Test(arguments: ["", "2015-08-30", "2015-13-30T12:36:00Z", "2015-08-30T12:36:00", "2015-08-30T12:36:00+02:00"])
    func malformedTimestampsAreRefused(_ text: String) {
        #expect(AWSTimestamp(iso8601: text) == nil)
    }

    /// A value folded with CRLF (one `Character` in Swift) is collapsed like any other run of white space.
    @Test func foldedHeaderValuesCollapse() {
        var request = SigV4Request(
            method: "GET", path: "/",
            headers: [
                .init("Host", "example.amazonaws.com"), .init("My-Header", " a\r\n  b\tc "),
                .init("Spaced", "a  b"), .init("Trailing", "x "), .init("Leading", " y"), .init("Plain", "p q"),
            ])
        let signature = SigV4Signer(credentials: Self.credentials, region: "us-east-1", service: "service")
            .signHeaders(&request, at: Self.time)
        for line in ["leading:y", "my-header:a b c", "plain:p q", "spaced:a b", "trailing:x"] {
            #expect(signature.canonicalRequest.contains("\n\(line)\n"), "\(line)")
        }
    }

    /// Signers sharing one store of signing keys sign exactly as signers deriving the key for each request, also
    /// when the day, the region, the service or the secret changes between two requests.
    @Test func aKeptSigningKeyIsDerivedAgainWhenItsScopeChanges() {
        let nextDay = AWSTimestamp(secondsSinceEpoch: 1_440_938_160 + 86_400)
        let rotated = AWSCredentials(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "another-secret")
        let keys = SigV4SigningKeys()
        for (credentials, region, service, time) in [
            (Self.credentials, "us-east-1", "dynamodb", Self.time),
            (Self.credentials, "us-east-1", "dynamodb", Self.time),
            (Self.credentials, "us-east-1", "dynamodb", nextDay), (Self.credentials, "eu-west-1", "dynamodb", nextDay),
            (Self.credentials, "eu-west-1", "sqs", nextDay), (rotated, "eu-west-1", "sqs", nextDay),
        ] {
            var kept = SigV4Request(method: "POST", path: "/", headers: [.init("Host", "example.amazonaws.com")])
            var fresh = kept
            let withKeptKey = SigV4Signer(credentials: credentials, region: region, service: service, keys: keys)
                .signHeaders(&kept, at: time)
            let withFreshKey = SigV4Signer(credentials: credentials, region: region, service: service)
                .signHeaders(&fresh, at: time)
            #expect(withKeptKey == withFreshKey, "\(region) \(service) \(time.basicDate)")
        }
    }
}
