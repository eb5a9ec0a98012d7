/// The manifest's event backbone could not be made: a schedule, trigger, queue, bus or rule the message names.
public struct LocalEventBackboneError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the declaration.
    public let description: String

    /// An error saying `description`.
    public init(_ description: String) {
        self.description = description
    }
}
