import Foundation
public import LocalCloud
public import NIOCore
public import Testing

extension ByteBuffer {
    /// The buffer's bytes as UTF-8 text.
    public var text: String { String(buffer: self) }
}

extension InvocationResult {
    /// The response body, recording an issue when the invocation failed.
    public func responseText(sourceLocation: SourceLocation = #_sourceLocation) -> String? {
        switch self.outcome {
        case .response(let body):
            return body.text
        case .error(let report):
            Issue.record(
                "expected a response, got \(report.errorType): \(report.errorMessage)", sourceLocation: sourceLocation)
            return nil
        }
    }

    /// The response decoded as JSON.
    public func responseJSON(sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let text = try #require(self.responseText(sourceLocation: sourceLocation), sourceLocation: sourceLocation)
        return try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            sourceLocation: sourceLocation
        )
    }
}
