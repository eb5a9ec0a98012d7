import Cloud
import Testing

/// Buses: made, listed and deleted by name.
let busChecks: [EventBusContract.Check] = [
    .init("buses are listed by name and prefix, in its case, the default among all; a deleted bus is gone") {
        scenario in
        let (first, second) = (scenario.name("bus-a"), scenario.name("bus-b"))
        try await scenario.bus.createEventBus(second)
        try await scenario.bus.createEventBus(first)
        #expect(try await scenario.bus.listEventBuses(prefix: scenario.name("bus-")) == [first, second])
        #expect(try await scenario.bus.listEventBuses(prefix: scenario.name("BUS-")).isEmpty)
        #expect(try await scenario.bus.listEventBuses(prefix: nil).contains(EventBusNames.default))
        try await scenario.bus.deleteEventBus(first)
        #expect(try await scenario.bus.listEventBuses(prefix: scenario.name("bus-")) == [second])
        try await scenario.bus.deleteEventBus(second)
    }
]
