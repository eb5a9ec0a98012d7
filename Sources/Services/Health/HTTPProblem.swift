import LambdaEvents

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An RFC 9457 problem body (`application/problem+json`) for an HTTP error answer.
struct HTTPProblem: Codable, Sendable {
    var type: String = "about:blank"
    var title: String
    var status: Int
    var detail: String
    var requestId: String?

    init(status: Int, title: String, detail: String) {
        self.title = title
        self.status = status
        self.detail = detail
    }

    func response(requestID: String) -> APIGatewayV2Response {
        var problem = self
        problem.requestId = requestID
        let body = (try? JSONEncoder().encode(problem)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return APIGatewayV2Response(
            statusCode: self.status,
            headers: ["content-type": "application/problem+json"],
            body: body
        )
    }
}
