import Identifiers
public import NIOCore

/// One invocation as a caller asks for it: the event and the optional facts Lambda passes along with it.
public struct InvocationRequest: Sendable {
    /// The invocation's request ID; a new lower-case UUID unless the caller gives one.
    public var requestID: String
    /// The event as raw bytes, normally JSON.
    public var event: ByteBuffer
    /// The X-Ray trace header to continue, if the caller is traced.
    public var traceID: String?
    /// The client context JSON, as the mobile SDK sends it.
    public var clientContext: String?
    /// The Cognito identity JSON, as the mobile SDK sends it.
    public var cognitoIdentity: String?

    /// Creates a request for `event`, with a new random request ID unless `requestID` is given.
    public init(
        requestID: String? = nil,
        event: ByteBuffer,
        traceID: String? = nil,
        clientContext: String? = nil,
        cognitoIdentity: String? = nil
    ) {
        self.requestID = requestID ?? RandomUUID.make()
        self.event = event
        self.traceID = traceID
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
    }
}
