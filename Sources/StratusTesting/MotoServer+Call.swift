public import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension MotoServer {
    /// Why a call to moto failed.
    public struct CallError: Error, CustomStringConvertible {
        /// The operation, its HTTP status and what moto answered.
        public let description: String
    }

    /// Calls `operation` of a JSON-protocol service on this server, as `<targetPrefix>.<operation>` signed for
    /// `signingName` (`"AWSEvents"`, `"events"` for EventBridge), and answers the JSON object moto sent back. moto
    /// checks no signature: the credential scope of the `Authorization` header only tells it which service is meant.
    /// For test set-up that needs no module of the AWS adapters.
    public func call(
        _ operation: String, of targetPrefix: String, signingName: String, _ input: [String: Any]
    ) async throws -> [String: Any] {
        guard let url = URL(string: self.endpoint + "/") else { throw CallError(description: "bad endpoint") }
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/x-amz-json-1.1", forHTTPHeaderField: "content-type")
        request.setValue("\(targetPrefix).\(operation)", forHTTPHeaderField: "x-amz-target")
        request.setValue(
            "AWS4-HMAC-SHA256 Credential=testing/20260101/us-east-1/\(signingName)/aws4_request, "
                + "SignedHeaders=host, Signature=0",
            forHTTPHeaderField: "authorization")
        request.httpBody = try JSONSerialization.data(withJSONObject: input)
        let (data, response) = try await URLSession.shared.data(for: request)
        let status = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard status == 200 else {
            throw CallError(description: "\(operation): HTTP \(status): \(String(decoding: data, as: UTF8.self))")
        }
        return (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}
