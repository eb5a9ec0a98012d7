import Cloud
import JSONCoding

/// Turns a request body into a typed value, or into the HTTP error that tells the client what is wrong with it:
/// 415 for a body that is not JSON by its content type, 400 for one that does not parse, 422 for one that does not
/// fit the type or breaks its rules.
enum RequestBodyDecoding {
    static func decode<Input: Decodable>(_ type: Input.Type, from request: APIRequest) throws(HTTPError) -> Input {
        let body = try request.bodyBytes()
        guard !body.isEmpty else { throw .badRequest("A JSON request body is required") }
        guard let contentType = request.header("content-type"), Self.isJSON(contentType) else {
            throw .unsupportedMediaType("Send the body as application/json")
        }
        let input: Input
        do {
            input = try Self.decoder.decode(Input.self, from: body)
        } catch let error as DecodingError {
            throw Self.httpError(for: error)
        } catch {
            throw .badRequest("The request body is not valid JSON")
        }
        if let validatable = input as? any Validatable {
            let fieldErrors = validatable.fieldErrors()
            guard fieldErrors.isEmpty else { throw .unprocessable(fieldErrors) }
        }
        return input
    }

    private static let decoder = JSONValueDecoder()

    /// `application/json` or any `+json` type, with or without parameters such as `charset`; case-insensitive.
    static func isJSON(_ contentType: String) -> Bool {
        // The media type, lower-cased, without spaces or tabs, up to the first parameter.
        var mediaType: [UInt8] = []
        mediaType.reserveCapacity(32)
        for byte in contentType.utf8 {
            if byte == UInt8(ascii: ";") { break }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { continue }
            mediaType.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
        }
        let application = Array("application/".utf8)
        guard mediaType.starts(with: application) else { return false }
        let subtype = mediaType[application.count...]
        return subtype.elementsEqual("json".utf8)
            || (subtype.count > 5 && subtype.reversed().starts(with: "nosj+".utf8))
    }

    private static func httpError(for error: DecodingError) -> HTTPError {
        switch error {
        case .keyNotFound(let key, let context):
            return .unprocessable([FieldError(field: Self.path(context.codingPath + [key]), reason: "is required")])
        case .valueNotFound(_, let context):
            return .unprocessable([FieldError(field: Self.path(context.codingPath), reason: "must not be null")])
        case .typeMismatch(let type, let context):
            return .unprocessable([
                FieldError(field: Self.path(context.codingPath), reason: "must be \(Self.describe(type))")
            ])
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return .badRequest("The request body is not valid JSON")
        case .dataCorrupted(let context):
            return .unprocessable([FieldError(field: Self.path(context.codingPath), reason: "is not valid")])
        @unknown default:
            return .badRequest("The request body could not be read")
        }
    }

    /// A coding path as a field path: `items[2].quantity`.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var path = ""
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is [Any].Type: "an array"
        default: "an object"
        }
    }
}
