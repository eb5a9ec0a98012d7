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
            ["name": .string(parameter.name), "in": "query", "required": false,
                "description": .string(parameter.description), "schema": .object(parameter.schema)]
        }
        if self.isIdempotent {
            parameters.append(["name": "Idempotency-Key", "in": "header", "required": false,
                "description": "Makes a retry safe: the first answer for a key is repeated, a different body with it is 422",
                "schema": ["type": "string", "minLength": 1, "maxLength": 255, "pattern": #"^[\x21-\x7E]+$"#]])
        }
        if self.handlerErrorStatuses.contains(428) {
            parameters.append(["name": "If-Match", "in": "header", "required": true,
                "description": "The version (ETag) the change is based on",
                "schema": ["type": "string", "pattern": #"^"[1-9][0-9]{0,8}"$"#]])
        }
        if !parameters.isEmpty { operation["parameters"] = .array(parameters) }

        if let input = self.inputType {
            let name = TypeSchema.name(of: input)
            schemas[name] = TypeSchema.schema(of: input)
            operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": Self.reference(name)]]]
        }

        var responses: [String: JSONValue] = [:]
        if self.successStatus == 204 {
            responses["204"] = ["description": "Done; no body"]
        } else {
            let name = TypeSchema.name(of: self.outputType)
            schemas[name] = TypeSchema.schema(ofAnswer: self.outputType)
            responses[String(self.successStatus)] = [
                "description": .string(self.summary ?? "Success"),
                "content": ["application/json": ["schema": Self.reference(name)]],
            ]
        }
        for status in self.errorStatuses {
            responses[String(status)] = Self.problemResponse(status)
        }
        operation["responses"] = .object(responses)

        if case .jwt(let scopes) = self.authorization {
            operation["security"] = [["bearerAuth": .array(scopes.map(JSONValue.string))]]
        } else {
            operation["security"] = []
        }
        return APIOperation(method: self.method.rawValue, path: self.path.template, operation: operation, schemas: schemas)
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
    static func problemResponse(_ status: Int) -> JSONValue {
        var response: [String: JSONValue] = [
            "description": .string(Self.reasons[status] ?? "Error"),
            "content": ["application/problem+json": ["schema": Self.reference("Problem")]],
        ]
        switch status {
        case 401: response["headers"] = ["WWW-Authenticate": ["schema": ["type": "string"]]]
        case 429, 503: response["headers"] = ["Retry-After": ["schema": ["type": "integer"]]]
        default: break
        }
        return .object(response)
    }

    private static let reasons = [
        400: "Bad request: a malformed body, parameter or header", 401: "No valid access token",
        403: "Not allowed for this caller", 404: "Not found", 409: "Conflicts with the current state",
        412: "The version in If-Match is not current", 413: "The body is too large",
        415: "The body is not JSON", 422: "The body breaks the rules listed in errors", 428: "If-Match is required",
        429: "Too many requests; see Retry-After", 500: "An unexpected error; quote the request id",
        503: "A dependency is unavailable", 504: "The function did not answer in time",
    ]
}
