import ArgumentParser
import Foundation
import Hummingbird
import Logging

/// `stratus bench bare-http`: the gateway benchmark's baseline, a bare Hummingbird server answering the orders
/// routes with a constant JSON body and none of the gateway's work.
struct BareHTTPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bare-http",
        abstract:
            "Serve GET /orders/{id} and POST /orders with a constant JSON body (the gateway benchmark's baseline)."
    )

    @Option(name: .long, help: "The port to listen on; 0 picks a free one.")
    var port = 0

    static let body =
        #"{"orderId":"00000000-0000-0000-0000-000000000000","status":"PENDING","total":8498,"currency":"EUR"}"#

    func run() async throws {
        let router = Router()
        router.get("/orders/:id") { _, _ in Self.answer(status: .ok) }
        router.post("/orders") { request, _ in
            _ = try await request.body.collect(upTo: 1_048_576)
            return Self.answer(status: .created)
        }
        let application = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: self.port), serverName: nil),
            onServerRunning: { channel in
                FileHandle.standardOutput.write(
                    Data("Bare HTTP on http://127.0.0.1:\(channel.localAddress?.port ?? 0)\n".utf8))
            },
            logger: Logger(label: "stratus.bare-http") { _ in SwiftLogNoOpLogHandler() }
        )
        try await application.runService()
    }

    private static func answer(status: HTTPResponse.Status) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: Self.body))
        )
    }
}
