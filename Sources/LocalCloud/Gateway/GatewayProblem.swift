import Foundation

/// The gateway's own error answers, as RFC 9457 problem bodies that also carry API Gateway's `message`, so clients of
/// either shape read them.
enum GatewayProblem {
    static func response(status: Int, title: String, detail: String, requestID: String) -> GatewayResponse {
        let body: [String: any Sendable] = [
            "type": "about:blank", "title": title, "status": status, "detail": detail, "requestId": requestID,
            "message": title,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return GatewayResponse(
            status: status,
            headers: [("content-type", "application/problem+json"), ("apigw-requestid", requestID)],
            body: Array(data)
        )
    }
}
