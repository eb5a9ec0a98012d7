import Cloud
import HTTPTypes
import Hummingbird

/// Gives every answer of the local cloud's own routes an `apigw-requestid` and ``SecurityHeaders``, as the
/// gateway's answers have, and answers every ``HTTPProblemError`` thrown below it with its ``ProblemDetails``.
struct ProblemAnsweringMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let requestID = APIGateway.makeRequestID()
        do {
            var response = try await next(request, context)
            response.headers[.apigwRequestID] = requestID
            response.headers.addSecurityHeaders()
            return response
        } catch let error as any HTTPProblemError {
            return Response(GatewayResponse(error, requestID: requestID))
        }
    }
}
