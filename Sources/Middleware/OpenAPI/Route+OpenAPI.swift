public import Cloud
import LambdaEvents

extension Route {
    /// The route as an OpenAPI 3.1 operation, with the schemas of its body, its answer and the problem body.
    public var apiOperation: APIOperation {
        var schemas: [String: JSONValue] = ["Problem": TypeSchema.schema(of: ProblemDetails.self)]
        var operation: [String: JSONValue] = ["operationId": .string(self.operationID)]
        if let summary = self.summary { operation["summary"] = .string(summary) }

        var parameters: [JSONValue] = self.path.segments.compactMap { segment in
            switch segment {
            case .literal: nil
            case .parameter(let name), .greedy(let name):
                ["name": .string(name), "in": "path", "required": true, "schema": ["type": "string"]]
            }
        }
        parameters += self.queryParameters.map { parameter in
            [
                "name": .string(parameter.name), "in": "query", "required": false,
                "description": .string(parameter.description), "schema": .object(parameter.schema),
            ]
        }
        if self.isIdempotent {
            parameters.append([
                "name": "Idempotency-Key", "in": "header", "required": false,
                "description":
                    "Makes a retry safe: the first answer for a key is repeated, a different body with it is 422",
                "schema": ["type": "string", "minLength": 1, "maxLength": 255, "pattern": #"^[\x21-\x7E]+$"#],
            ])
        }
        if self.handlerErrorStatuses.contains(.preconditionRequired) {
            parameters.append([
                "name": "If-Match", "in": "header", "required": true,
                "description": "The version (ETag) the change is based on",
                "schema": ["type": "string", "pattern": #"^"[1-9][0-9]{0,8}"$"#],
            ])
        }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }

        if let input = self.inputType {
            let name = TypeSchema.name(of: input)
            schemas[name] = TypeSchema.schema(of: input)
            operation["requestBody"] = [
                "required": true, "content": ["application/json": ["schema": Self.reference(name)]],
            ]
        }

        var responses: [String: JSONValue] = [:]
        if self.successStatus == .noContent {
            responses["204"] = ["description": "Done; no body"]
        } else {
            let name = TypeSchema.name(of: self.outputType)
            schemas[name] = TypeSchema.schema(ofAnswer: self.outputType)
            responses[String(self.successStatus.code)] = [
                "description": .string(self.summary ?? "Success"),
                "content": ["application/json": ["schema": Self.reference(name)]],
            ]
        }
        for status in self.errorStatuses {
            responses[String(status.code)] = Self.problemResponse(status)
        }
        operation["responses"] = .object(responses)

        if case .jwt(let scopes) = self.authorization {
            operation["security"] = [["bearerAuth": .array(scopes.map(JSONValue.string))]]
        } else {
            operation["security"] = []
        }
        return APIOperation(
            method: self.method.rawValue, path: self.path.template, operation: operation, schemas: schemas)
    }

    /// `getOrdersId` for `GET /orders/{id}`: the method and the path's words, camel-cased.
    private var operationID: String {
        let words = self.path.template.split { !$0.isLetter && !$0.isNumber }
        return self.method.rawValue.lowercased() + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private static func reference(_ name: String) -> JSONValue {
        ["$ref": .string("#/components/schemas/\(name)")]
    }

    /// An error answer: a problem body, with the header the status calls for.
    static func problemResponse(_ status: ResponseStatus) -> JSONValue {
        var response: [String: JSONValue] = [
            "description": .string(Self.reasons[status] ?? "Error"),
            "content": [ProblemDetails.mediaType: ["schema": Self.reference("Problem")]],
        ]
        switch status {
        case .unauthorized: response["headers"] = ["WWW-Authenticate": ["schema": ["type": "string"]]]
        case .tooManyRequests, .serviceUnavailable:
            response["headers"] = ["Retry-After": ["schema": ["type": "integer"]]]
        default: break
        }
        return .object(response)
    }

    private static let reasons: [ResponseStatus: String] = [
        .badRequest: "Bad request: a malformed body, parameter or header", .unauthorized: "No valid access token",
        .forbidden: "Not allowed for this caller", .notFound: "Not found",
        .conflict: "Conflicts with the current state",
        .preconditionFailed: "The version in If-Match is not current", .contentTooLarge: "The body is too large",
        .unsupportedMediaType: "The body is not JSON",
        .unprocessableContent: "The body breaks the rules listed in errors",
        .preconditionRequired: "If-Match is required", .tooManyRequests: "Too many requests; see Retry-After",
        .internalServerError: "An unexpected error; quote the request id",
        .serviceUnavailable: "A dependency is unavailable",
        .gatewayTimeout: "The function did not answer in time",
    ]
}
