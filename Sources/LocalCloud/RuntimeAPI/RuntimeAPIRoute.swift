import NIOHTTP1

/// The Runtime API endpoint a request asks for, read from its method and path (a query string is ignored).
enum RuntimeAPIRoute: Equatable, Sendable {
    /// `GET /2018-06-01/runtime/invocation/next`
    case next
    /// `POST /2018-06-01/runtime/invocation/{requestID}/response`
    case response(requestID: String)
    /// `POST /2018-06-01/runtime/invocation/{requestID}/error`
    case error(requestID: String)
    /// `POST /2018-06-01/runtime/init/error`
    case initError

    /// The endpoint of `method` and `uri`, or `nil` when the Runtime API has none there. It reads the path's bytes
    /// in place: the request ID is the only string it makes.
    init?(method: HTTPMethod, uri: String) {
        let bytes = uri.utf8
        let base = "/2018-06-01/runtime/".utf8
        guard bytes.starts(with: base) else { return nil }
        let path = bytes[bytes.index(bytes.startIndex, offsetBy: base.count)...]
            .prefix { $0 != UInt8(ascii: "?") }
        switch method {
        case .GET where path.elementsEqual("invocation/next".utf8):
            self = .next
        case .POST where path.elementsEqual("init/error".utf8):
            self = .initError
        case .POST where path.starts(with: "invocation/".utf8):
            let rest = path.dropFirst("invocation/".utf8.count)
            guard let slash = rest.firstIndex(of: UInt8(ascii: "/")), slash > rest.startIndex else { return nil }
            let requestID = String(Substring(rest[..<slash]))
            let report = rest[rest.index(after: slash)...]
            if report.elementsEqual("response".utf8) {
                self = .response(requestID: requestID)
            } else if report.elementsEqual("error".utf8) {
                self = .error(requestID: requestID)
            } else {
                return nil
            }
        default:
            return nil
        }
    }
}
