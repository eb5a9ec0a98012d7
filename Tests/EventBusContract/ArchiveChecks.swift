import Cloud
import JSONCoding
import Testing

/// Archives keep a bus's events for their retention; replays send a window of them again, marked `replay-name`.
let archiveChecks: [EventBusContract.Check] = [
    .init("a replay sends the archived events of its window again with replay-name, to the rules named or to all") {
        scenario in
        let (bus, queue) = try await scenario.route()
        let live = scenario.name("live-only")
        try await scenario.queues.createQueue(live)
        try await scenario.bus.putRule(
            EventRule(
                name: "no-replays", eventBusName: bus,
                eventPattern: #"{"source": ["orders"], "replay-name": [{"exists": false}]}"#))
        _ = try await scenario.bus.putTargets(
            [RuleTarget(id: "live", destination: .queue(live))], rule: "no-replays", bus: bus)
        let archive = scenario.name("archive")
        try await scenario.bus.createArchive(EventArchive(name: archive, sourceBus: bus))
        let hour: Int64 = 3_600_000
        let base: Int64 = 1_764_547_200_000
        var ids: [String] = []
        for offset in 0..<3 {
            ids.append(
                try await scenario.put(on: bus, detail: #"{"n": \#(offset)}"#, time: base + Int64(offset) * hour))
        }
        #expect(try await scenario.delivered(to: queue).count == 3)
        #expect(try await scenario.delivered(to: live).count == 3)

        let filtered = scenario.name("filtered")
        let started = try await scenario.bus.startReplay(
            EventReplay(
                name: filtered, archive: archive, fromMilliseconds: base + hour / 2, toMilliseconds: base + 3 * hour,
                destinationBus: bus, ruleNames: ["to-queue"]))
        #expect(started.name == filtered)
        let replayed = try await scenario.deliveredEvents(to: queue)
        #expect(Set(replayed.compactMap { $0["id"]?.stringValue }) == Set(ids[1...]))
        #expect(replayed.allSatisfy { $0["replay-name"] == .string(filtered) })
        #expect(try await scenario.delivered(to: live).isEmpty)
        let described = try await scenario.bus.describeReplay(filtered)
        #expect(described.state == .completed)
        #expect(described.replayedEventCount == 2)
        #expect(described.eventLastReplayedMilliseconds == base + 2 * hour)

        _ = try await scenario.bus.startReplay(
            EventReplay(
                name: scenario.name("all"), archive: archive, fromMilliseconds: base, toMilliseconds: base + hour,
                destinationBus: bus))
        #expect(try await scenario.deliveredEvents(to: queue).compactMap { $0["id"]?.stringValue } == [ids[0]])
        #expect(try await scenario.delivered(to: live).isEmpty, "the rule excluding replays does not see them")
        let replays = [scenario.name("all"), filtered]
        #expect(try await scenario.bus.listReplays(prefix: scenario.name(""), archive: archive) == replays)
        #expect(try await scenario.bus.listReplays(prefix: filtered, archive: nil) == [filtered])
        #expect(try await scenario.bus.listReplays(prefix: scenario.name("ALL"), archive: nil).isEmpty)
        #expect(try await scenario.bus.listReplays(prefix: nil, archive: nil).filter(replays.contains) == replays)
        let other = scenario.name("other-archive")
        try await scenario.bus.createArchive(EventArchive(name: other, sourceBus: bus))
        #expect(try await scenario.bus.listReplays(prefix: nil, archive: other).isEmpty, "only the archive's replays")
        await expectBusError(.resourceAlreadyExists) {
            _ = try await scenario.bus.startReplay(
                EventReplay(
                    name: filtered, archive: archive, fromMilliseconds: base, toMilliseconds: base + hour,
                    destinationBus: bus))
        }
        await expectBusError(.validation, "a replay goes back to the archive's own bus") {
            _ = try await scenario.bus.startReplay(
                EventReplay(
                    name: scenario.name("elsewhere"), archive: archive, fromMilliseconds: base,
                    toMilliseconds: base + hour, destinationBus: EventBusNames.default))
        }
        await expectBusError(.validation, "the window must not be empty") {
            _ = try await scenario.bus.startReplay(
                EventReplay(
                    name: scenario.name("empty"), archive: archive, fromMilliseconds: base, toMilliseconds: base,
                    destinationBus: bus))
        }
    },
    .init("an archive with a pattern keeps only the events it matches; replayed events are not archived again") {
        scenario in
        let (bus, _) = try await scenario.route()
        let archive = scenario.name("orders-only")
        try await scenario.bus.createArchive(
            EventArchive(name: archive, sourceBus: bus, eventPattern: #"{"source": ["orders"]}"#, retentionDays: 7))
        try await scenario.put(on: bus)
        try await scenario.put(on: bus, source: "users")
        let listed = try await scenario.bus.listArchives(sourceBus: bus)
        #expect(listed.map(\.name) == [archive])
        #expect(listed.first?.eventCount == 1)
        #expect(listed.first?.retentionDays == 7)
        #expect(listed.first?.eventPattern == #"{"source": ["orders"]}"#)
        _ = try await scenario.bus.startReplay(
            EventReplay(
                name: scenario.name("again"), archive: archive, fromMilliseconds: 0, toMilliseconds: .max,
                destinationBus: bus))
        #expect(try await scenario.bus.listArchives(sourceBus: bus).first?.eventCount == 1)
        await expectBusError(.resourceAlreadyExists) {
            try await scenario.bus.createArchive(EventArchive(name: archive, sourceBus: bus))
        }
        try await scenario.bus.deleteArchive(archive)
        #expect(try await scenario.bus.listArchives(sourceBus: bus).isEmpty)
    },
    .timed("the retention purges archived events older than its days, and a replay finds none of them") { scenario in
        let (bus, queue) = try await scenario.route()
        let archive = scenario.name("short")
        try await scenario.bus.createArchive(EventArchive(name: archive, sourceBus: bus, retentionDays: 1))
        let time: Int64 = 1_764_547_200_000
        try await scenario.put(on: bus, time: time)
        _ = try await scenario.delivered(to: queue)
        await scenario.wait(.seconds(86_400 - 60))
        #expect(try await scenario.bus.listArchives(sourceBus: bus).first?.eventCount == 1, "kept for a whole day")
        await scenario.wait(.seconds(120))
        #expect(try await scenario.bus.listArchives(sourceBus: bus).first?.eventCount == 0)
        let replay = try await scenario.bus.startReplay(
            EventReplay(
                name: scenario.name("late"), archive: archive, fromMilliseconds: time - 1,
                toMilliseconds: time + 1, destinationBus: bus))
        #expect(replay.replayedEventCount == 0)
        #expect(try await scenario.delivered(to: queue).isEmpty)
    },
]
