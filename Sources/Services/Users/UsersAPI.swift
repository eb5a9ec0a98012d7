package import Cloud
package import Middleware

/// The users function: the caller's own profile. Both routes need a valid token.
package struct UsersAPI: HTTPAPI {
    package let router: HTTPRouter

    /// Profiles kept in `store`, stamped with `clock`'s time.
    package init(store: any ItemStore, clock: any Clock = SystemClock()) {
        let profiles = ProfileRepository(store: store, clock: clock)
        self.router = HTTPRouter {
            Route(.get, "/users/me", authorization: .jwt(), summary: "The caller's profile", errors: [404]) {
                request, _ in
                let profile = try await profiles.find(try request.caller().userID)
                return APIResponse(headers: [.eTag: "\"\(profile.version)\""], body: profile)
            }
            Route(
                .put, "/users/me", authorization: .jwt(), summary: "Replace the caller's profile",
                body: UpdateProfileRequest.self, errors: [404, 412, 428]
            ) { request, body, _ in
                let profile = try await profiles.update(
                    try request.caller().userID, with: body, expectedVersion: try request.expectedVersion(of: "profile")
                )
                return APIResponse(headers: [.eTag: "\"\(profile.version)\""], body: profile)
            }
        }
    }
}
