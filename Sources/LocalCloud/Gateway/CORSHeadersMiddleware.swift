import Cloud
import HTTPTypes
import Hummingbird

/// Adds the CORS headers `cors` gives a request's `Origin` to its answer, as the gateway adds them to the functions'
/// answers.
struct CORSHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let cors: CORSConfiguration

    func handle(_ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response = try await next(request, context)
        guard let origin = request.headers.value(of: .origin) else { return response }
        for (name, value) in self.cors.responseHeaders(origin: origin) {
            if let name = HTTPField.Name(name) { response.headers[name] = value }
        }
        return response
    }
}
