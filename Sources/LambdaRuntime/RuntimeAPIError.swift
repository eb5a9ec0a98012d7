/// The Runtime API connection failed or answered in a way the protocol does not allow.
public struct RuntimeAPIError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
