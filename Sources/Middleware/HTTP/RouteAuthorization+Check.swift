import Cloud

extension RouteAuthorization {
    /// Checks what API Gateway's authorizer established before the route does anything else, as a second line behind
    /// the gateway: 401 without a verified subject, 403 without one of the required scopes.
    func authorize(_ request: APIRequest) throws(HTTPError) {
        guard case .jwt(let scopes) = self else { return }
        guard let subject = request.claims?["sub"], !subject.isEmpty else {
            throw .unauthorized("This route needs a valid access token")
        }
        let granted = Set(request.event.requestContext.authorizer?.jwt?.scopes ?? [])
        guard scopes.isEmpty || !granted.isDisjoint(with: scopes) else {
            throw .forbidden("The token lacks the scope this route needs: \(scopes.joined(separator: " or "))")
        }
    }
}
