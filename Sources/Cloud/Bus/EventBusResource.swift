/// What on a bus can hold tags, as EventBridge allows: a bus, or a rule of a bus.
public enum EventBusResource: Sendable, Hashable, CustomStringConvertible {
    /// The bus of this name.
    case bus(String)
    /// The rule `name` of `bus`.
    case rule(String, bus: String)

    /// Refuses a bus or rule name the port refuses (``EventBusRequest``).
    /// - Throws: ``EventBusError/Code/validation``.
    public func checkNames() throws(EventBusError) {
        switch self {
        case .bus(let name):
            try EventBusRequest.checkBusName(name)
        case .rule(let name, let bus):
            try EventBusRequest.checkRuleName(name)
            try EventBusRequest.checkBusName(bus)
        }
    }

    /// The resource as errors name it: `EventBus orders`, `Rule r1 on EventBus orders`.
    public var description: String {
        switch self {
        case .bus(let name): "EventBus \(name)"
        case .rule(let name, let bus): "Rule \(name) on EventBus \(bus)"
        }
    }
}
