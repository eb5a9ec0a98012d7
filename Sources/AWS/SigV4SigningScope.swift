/// The time and credential scope of one signing, each formatted once: `20150830T123600Z` and
/// `20150830/us-east-1/iam/aws4_request`.
struct SigV4SigningScope {
    /// `YYYYMMDD'T'HHMMSS'Z'`, the form of `X-Amz-Date`.
    let dateTime: String
    /// `YYYYMMDD`, the day the signing key is derived for.
    let date: String
    /// `date/region/service/aws4_request`.
    let text: String

    /// The scope of a signing at `time` for `service` in `region`.
    init(time: AWSTimestamp, region: String, service: String) {
        self.dateTime = time.basicDateTime
        self.date = String(decoding: self.dateTime.utf8.prefix(8), as: UTF8.self)
        var text = self.date
        text.reserveCapacity(self.date.utf8.count + region.utf8.count + service.utf8.count + 15)
        text += "/"
        text += region
        text += "/"
        text += service
        text += "/aws4_request"
        self.text = text
    }
}
