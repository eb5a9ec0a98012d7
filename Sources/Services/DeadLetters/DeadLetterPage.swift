/// A page of `GET /admin/dead-letters`: dead letters newest first, and the cursor of the next page.
package struct DeadLetterPage: Codable, Sendable, Equatable {
    /// The dead letters of this page.
    package var deadLetters: [DeadLetter]
    /// The `cursor` of the next page; `nil` on the last.
    package var nextCursor: String?
}
