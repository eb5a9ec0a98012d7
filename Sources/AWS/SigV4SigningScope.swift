import LambdaRuntime

/// The time and credential scope of one signing: `20150830T123600Z` and `20150830/us-east-1/iam/aws4_request`.
struct SigV4SigningScope {
    /// What ends every credential scope.
    private static let terminator: StaticString = "aws4_request"

    /// `YYYYMMDD'T'HHMMSS'Z'`, the form of `X-Amz-Date`.
    let dateTime: String
    /// `YYYYMMDD`, the day the signing key is derived for.
    let date: String
    /// The region signed for, e.g. `eu-west-1`.
    let region: String
    /// The service's signing name, e.g. `dynamodb`.
    let service: String

    /// The scope of a signing at `time` for `service` in `region`.
    init(time: AWSTimestamp, region: String, service: String) {
        self.dateTime = time.basicDateTime
        self.date = String(decoding: self.dateTime.utf8.prefix(8), as: UTF8.self)
        self.region = region
        self.service = service
    }

    /// How many bytes ``text`` has.
    var textByteCount: Int {
        self.date.utf8.count + self.region.utf8.count + self.service.utf8.count + 3
            + Self.terminator.utf8CodeUnitCount
    }

    /// `date/region/service/aws4_request`.
    var text: String {
        String(unsafeUninitializedCapacity: self.textByteCount) { output in
            var writer = UTF8BufferWriter(output)
            self.writeText(to: &writer)
            return writer.count
        }
    }

    /// Writes ``text`` to `writer`.
    func writeText(to writer: inout UTF8BufferWriter) {
        writer.write(self.date)
        writer.write(UInt8(ascii: "/"))
        writer.write(self.region)
        writer.write(UInt8(ascii: "/"))
        writer.write(self.service)
        writer.write(UInt8(ascii: "/"))
        writer.write(Self.terminator)
    }
}
