import LambdaRuntime

extension AWSHTTPError {
    /// The client's error for a connection to `host` that failed as `error` says, on either transport.
    init(_ error: HTTPWireError, host: String) {
        switch error.kind {
        case .connectFailed: self.init(.connectionFailed, "\(host): \(error)")
        case .timedOut: self.init(.timedOut, "\(host) did not answer in time: \(error)")
        case .tooLarge: self.init(.responseTooLarge, "\(host): \(error)")
        case .tlsFailed: self.init(.tlsFailed, "\(host): \(error)")
        case .closed, .malformed, .ioFailed: self.init(.connectionClosed, "\(host): \(error)")
        }
    }
}
