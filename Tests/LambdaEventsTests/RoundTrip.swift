import Foundation
import LambdaEvents
import Testing

/// Decodes `json` as `T`, encodes it again, and checks that nothing was lost or added.
func expectRoundTrip<T: Codable>(_ type: T.Type, _ json: String, sourceLocation: SourceLocation = #_sourceLocation)
    throws -> T
{
    let decoded = try JSONDecoder().decode(T.self, from: Data(json.utf8))
    let reencoded = try JSONEncoder().encode(decoded)
    let original = try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    let again = try JSONDecoder().decode(JSONValue.self, from: reencoded)
    #expect(again == original, "re-encoding changed the payload", sourceLocation: sourceLocation)
    return decoded
}
