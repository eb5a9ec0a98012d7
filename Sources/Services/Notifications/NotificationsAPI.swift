package import Cloud
package import Middleware

/// The notifications function: the caller's notifications, newest first, and marking one read. Both routes need a
/// valid token, and a user reaches only their own notifications: another user's ID answers 404.
package struct NotificationsAPI: HTTPAPI {
    package let router: HTTPRouter

    /// Notifications kept in `store`, read at `clock`'s time.
    package init(store: any ItemStore, clock: any Clock = SystemClock()) {
        let notifications = NotificationRepository(store: store, clock: clock)
        self.router = HTTPRouter {
            Route(
                .get, "/notifications", authorization: .jwt(), summary: "The caller's notifications, newest first",
                query: NotificationListQuery.parameters, errors: [400]
            ) { request, _ in
                APIResponse(
                    body: try await notifications.list(
                        for: try request.caller(), query: try NotificationListQuery(request)))
            }
            Route(
                .post, "/notifications/{id}/read", authorization: .jwt(),
                summary: "Mark one of the caller's notifications read",
                errors: [404]
            ) { request, _ in
                APIResponse(
                    body: try await notifications.markRead(request.pathParameters["id"] ?? "", by: try request.caller())
                )
            }
        }
    }
}
