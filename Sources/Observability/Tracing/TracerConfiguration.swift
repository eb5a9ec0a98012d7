/// The tracer's settings, from the variables Lambda and Powertools read.
public struct TracerConfiguration: Sendable, Equatable {
    /// Where segments go; `nil` (no `AWS_XRAY_DAEMON_ADDRESS`, as outside Lambda's active tracing) sends nothing.
    public var daemonAddress: XRayDaemonAddress?
    /// `POWERTOOLS_TRACE_DISABLED`.
    public var isDisabled: Bool
    /// `POWERTOOLS_TRACER_CAPTURE_RESPONSE`: the handler's response as metadata.
    public var capturesResponse: Bool
    /// `POWERTOOLS_TRACER_CAPTURE_ERROR`: the handler's error as metadata.
    public var capturesError: Bool
    /// `POWERTOOLS_SERVICE_NAME`, the `Service` annotation.
    public var service: String?

    /// Creates a configuration from its parts.
    public init(
        daemonAddress: XRayDaemonAddress?, isDisabled: Bool = false, capturesResponse: Bool = true,
        capturesError: Bool = true, service: String? = nil
    ) {
        self.daemonAddress = daemonAddress
        self.isDisabled = isDisabled
        self.capturesResponse = capturesResponse
        self.capturesError = capturesError
        self.service = service
    }

    /// Reads `AWS_XRAY_DAEMON_ADDRESS` and Powertools' tracer variables; a flag reads `true`, `1` or `yes` as on and
    /// `false`, `0` or `no` as off, and anything else keeps its default.
    public init(environment: [String: String]) {
        self.init(
            daemonAddress: environment["AWS_XRAY_DAEMON_ADDRESS"].flatMap(XRayDaemonAddress.init),
            isDisabled: Self.flag(environment["POWERTOOLS_TRACE_DISABLED"]) ?? false,
            capturesResponse: Self.flag(environment["POWERTOOLS_TRACER_CAPTURE_RESPONSE"]) ?? true,
            capturesError: Self.flag(environment["POWERTOOLS_TRACER_CAPTURE_ERROR"]) ?? true,
            service: environment["POWERTOOLS_SERVICE_NAME"].flatMap { $0.isEmpty ? nil : $0 }
        )
    }

    /// The tracer these settings describe: one sending to the daemon, or ``XRayTracer/disabled``.
    public func makeTracer() -> XRayTracer {
        guard !self.isDisabled, let daemonAddress, let emitter = UDPSegmentEmitter(address: daemonAddress) else {
            return .disabled
        }
        return XRayTracer(emitter: emitter)
    }

    private static func flag(_ value: String?) -> Bool? {
        switch value?.lowercased() {
        case "true", "1", "yes": true
        case "false", "0", "no": false
        default: nil
        }
    }
}
