import App
import ArgumentParser
import Cloud
import Foundation
import OpenAPI

/// `stratus openapi`: prints the OpenAPI 3.1 document of the reference system's HTTP API.
struct OpenAPICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract:
            "Print the OpenAPI 3.1 document generated from the route declarations (as GET /openapi.json serves it)."
    )

    @Option(name: .long, help: "The server URL to put in the document, e.g. http://127.0.0.1:3000.")
    var server: String?

    func run() async throws {
        let document = try await Self.document(
            ports: .unconfigured("Describing the API only"), serverURL: self.server, pretty: true)
        FileHandle.standardOutput.write(document + Data("\n".utf8))
    }

    /// The document as JSON, with keys sorted.
    static func document(ports: CloudPorts, serverURL: String?, pretty: Bool) async throws -> Data {
        let document = try await OpenAPIDocument.make(
            manifest: ReferenceApp.manifest, ports: ports, serverURL: serverURL)
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document)
    }
}
