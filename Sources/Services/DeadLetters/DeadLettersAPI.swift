package import Cloud
package import Middleware

/// The staff's view of the dead letters: `GET /admin/dead-letters`, newest first, optionally of one source queue.
/// It needs a valid token (401 otherwise) of a member of `staff` (403 otherwise).
package struct DeadLettersAPI: HTTPAPI {
    package let router: HTTPRouter

    /// Dead letters kept in `store`.
    package init(store: any ItemStore) {
        let deadLetters = DeadLetterRepository(store: store)
        self.router = HTTPRouter {
            Route(
                .get, "/admin/dead-letters", authorization: .jwt(), summary: "Dead letters, newest first (staff only)",
                query: DeadLetterListQuery.parameters, errors: [400, 403]
            ) { request, _ in
                guard try request.caller().isStaff else { throw HTTPError.forbidden("Only staff see dead letters") }
                let query = try DeadLetterListQuery(request)
                let page: (deadLetters: [DeadLetter], nextCursor: QueryCursor?)
                do {
                    page = try await deadLetters.list(
                        sourceQueue: query.sourceQueue, limit: query.page.limit, cursor: query.page.cursor)
                } catch ItemStoreError.invalidCursor {
                    throw HTTPError.badRequest("The cursor is not one this listing gave out")
                }
                return APIResponse(
                    body: DeadLetterPage(deadLetters: page.deadLetters, nextCursor: page.nextCursor?.token))
            }
        }
    }
}
