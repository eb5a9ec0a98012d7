import Cloud
import EventPatterns
import GRDB
import JSONCoding

/// What the bus matches events against, compiled once from the file and rebuilt after every change to rules,
/// targets or archives: per bus, a ``RuleIndex`` of its enabled rules with their targets, and its archives with
/// their patterns. Matching reads this snapshot, never the file, so it runs outside the write lock.
struct BusRouting: Sendable {
    /// An enabled rule and its targets.
    struct Route: Sendable {
        let rule: String
        let targets: [Target]
    }

    /// A target with its definition as the file keeps it (``StoredTarget``), which each delivery owed to it copies:
    /// encoded once when the routing is loaded, not once per event.
    struct Target: Sendable {
        let target: RuleTarget
        let definition: String
    }

    /// An archive and the pattern of the events it keeps (every event without one).
    struct Archive: Sendable {
        let name: String
        let pattern: EventPattern?
    }

    /// One bus's rules and archives.
    struct Bus: Sendable {
        var index = RuleIndex<Int>()
        var routes: [Route] = []
        var archives: [Archive] = []
    }

    private(set) var buses: [String: Bus] = [:]
    /// Every current target by its stored definition, so that the deliveries owed to it are read without decoding
    /// their copy of it again (``target(stored:)``).
    private var targetsByDefinition: [String: RuleTarget] = [:]

    /// The target whose stored definition is `definition`: a current target's from the routing, any other (one changed
    /// or removed since its deliveries were owed) decoded.
    func target(stored definition: String) throws -> RuleTarget {
        try self.targetsByDefinition[definition] ?? StoredTarget.decode(definition)
    }

    /// The routing of every bus in the file.
    static func load(from db: Database) throws -> BusRouting {
        var routing = BusRouting()
        for name in try String.fetchAll(db, sql: "SELECT name FROM buses") {
            routing.buses[name] = Bus()
        }
        var targets: [String: [Target]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT bus, rule, definition FROM targets ORDER BY bus, rule, id") {
            let key = "\(row["bus"] as String)\n\(row["rule"] as String)"
            let definition: String = row["definition"]
            let target = try StoredTarget.decode(definition)
            targets[key, default: []].append(Target(target: target, definition: definition))
            routing.targetsByDefinition[definition] = target
        }
        let rules = try Row.fetchAll(
            db, sql: "SELECT bus, name, pattern FROM rules WHERE state != ? ORDER BY rowid",
            arguments: [RuleState.disabled.rawValue])
        for row in rules {
            let bus: String = row["bus"]
            let name: String = row["name"]
            // Patterns were checked when the rule was put; one that no longer compiles routes nothing.
            guard var routes = routing.buses[bus], let pattern = try? EventPattern(parsing: row["pattern"]) else {
                continue
            }
            routes.index.add(pattern, for: routes.routes.count)
            routes.routes.append(Route(rule: name, targets: targets["\(bus)\n\(name)"] ?? []))
            routing.buses[bus] = routes
        }
        for row in try Row.fetchAll(db, sql: "SELECT name, bus, pattern FROM archives ORDER BY name") {
            // An archive without a pattern keeps every event; as for rules, one whose pattern no longer compiles
            // (a `{}` accepted before the compiler refused empty objects) keeps nothing.
            var pattern: EventPattern?
            if let text = row["pattern"] as String? {
                guard let compiled = try? EventPattern(parsing: text) else { continue }
                pattern = compiled
            }
            routing.buses[row["bus"]]?.archives.append(Archive(name: row["name"], pattern: pattern))
        }
        return routing
    }
}

extension BusRouting.Bus {
    /// Routes `event` put at `ingestedMilliseconds`: the rules it matches (only those in `ruleFilter`, when given)
    /// with each target's input, and, unless it is replayed, the archives that keep it.
    func route(
        _ event: EventEnvelope, bus: String, traceHeader: String?, ingestedMilliseconds: Int64, arns: BusARN,
        ruleFilter: Set<String>?, replayName: String?
    ) -> RoutedEvent {
        var routed = RoutedEvent(
            event: event, bus: bus, traceHeader: traceHeader, ingestedMilliseconds: ingestedMilliseconds,
            replayName: replayName)
        for number in self.index.matchingRules(for: event.json) {
            let route = self.routes[number]
            guard ruleFilter?.contains(route.rule) ?? true else { continue }
            routed.matchedRules.append(route.rule)
            let input = TargetInput(
                ruleName: route.rule, ruleARN: arns.rule(route.rule, bus: bus),
                ingestedMilliseconds: ingestedMilliseconds)
            for target in route.targets {
                routed.deliveries.append((route.rule, target.definition, input.render(event, for: target.target)))
            }
        }
        if replayName == nil {
            routed.archives = self.archives.filter { $0.pattern?.matches(event.json) ?? true }.map(\.name)
        }
        return routed
    }
}
