public import Cloud
public import LambdaEvents
import LambdaRuntime
import Logging

/// The OpenAPI 3.1 document of an app's HTTP API, generated from the route declarations of its functions (each
/// handler's ``APIDescribing/apiOperations``) and what the gateway adds to every route: 504 past the function's
/// timeout, 429 past its reserved concurrency, 431 past API Gateway's 10,240 bytes of request line and header values.
public enum OpenAPIDocument {
    /// Builds every function of `manifest` with `ports` (nothing is invoked) and describes their routes.
    /// - Throws: ``ManifestError/routesDisagree(function:manifestOnly:handlerOnly:)`` when a function's handler
    ///   declares other routes than the manifest routes to it, or whatever a function's initialiser throws.
    public static func make(manifest: AppManifest, ports: CloudPorts, serverURL: String? = nil) async throws
        -> JSONValue
    {
        var paths: [String: [String: JSONValue]] = [:]
        var schemas: [String: JSONValue] = [:]
        for function in manifest.functions where !function.routes.isEmpty {
            let context = FunctionContext(
                initialization: LambdaInitializationContext(
                    handlerName: function.name,
                    function: FunctionMetadata(name: function.name, memoryLimitInMB: function.memoryMB),
                    environment: [:],
                    logger: Logger(label: function.name) { _ in SwiftLogNoOpLogHandler() }
                ),
                ports: ports
            )
            let operations = try await function.describeAPI(context)
            let declared = Set(function.routes.map(\.routeKey))
            let described = Set(operations.map(\.routeKey))
            guard declared == described else {
                throw ManifestError.routesDisagree(
                    function: function.name,
                    manifestOnly: declared.subtracting(described).sorted(),
                    handlerOnly: described.subtracting(declared).sorted())
            }
            for operation in operations {
                var object = operation.operation
                object["tags"] = [.string(function.name)]
                var responses = object["responses"]?.objectValue ?? [:]
                responses["504"] = Self.problem("The function did not answer within its timeout")
                responses["431"] = Self.problem("The request line and header values are over 10,240 bytes together")
                // A handler's own 429 (with its Retry-After) already covers the gateway's.
                if function.reservedConcurrency != nil, responses["429"] == nil {
                    responses["429"] = Self.problem("The function is at its reserved concurrency")
                }
                object["responses"] = .object(responses)
                paths[operation.path, default: [:]][operation.method.lowercased()] = .object(object)
                schemas.merge(operation.schemas) { first, _ in first }
            }
        }
        var document: [String: JSONValue] = [
            "openapi": "3.1.0",
            "info": ["title": .string(manifest.name), "version": .string(manifest.version)],
            "paths": .object(paths.mapValues(JSONValue.object)),
            "components": [
                "schemas": .object(schemas),
                "securitySchemes": [
                    "bearerAuth": [
                        "type": "http", "scheme": "bearer", "bearerFormat": "JWT",
                        "description": "An access token from POST /auth/login",
                    ]
                ],
            ],
        ]
        if let serverURL { document["servers"] = [["url": .string(serverURL)]] }
        return .object(document)
    }

    private static func problem(_ description: String) -> JSONValue {
        [
            "description": .string(description),
            "content": ["application/problem+json": ["schema": ["$ref": "#/components/schemas/Problem"]]],
        ]
    }
}
