import EventPatterns

extension AppManifest {
    /// Checks the whole manifest: function names unique and well-formed, settings within Lambda's limits, routes
    /// well-formed and claimed once; then the event backbone (``validateEventBackbone()``).
    public func validate() throws(ManifestError) {
        var names: Set<String> = []
        var routes: [HTTPRoute: String] = [:]
        for function in self.functions {
            guard Function.isValidName(function.name) else { throw .invalidFunctionName(function.name) }
            guard names.insert(function.name).inserted else { throw .duplicateFunction(function.name) }
            guard (128...10_240).contains(function.memoryMB) else {
                throw .invalidSetting(function: function.name, "memory must be 128–10240 MB, got \(function.memoryMB)")
            }
            guard function.timeout > .zero, function.timeout <= .seconds(900) else {
                throw .invalidSetting(function: function.name, "timeout must be more than 0 s and at most 900 s")
            }
            for route in function.routes {
                guard route.isWellFormed else { throw .invalidRoute(route.routeKey, function: function.name) }
                if let owner = routes.updateValue(function.name, forKey: route) {
                    throw .duplicateRoute(route.routeKey, functions: [owner, function.name])
                }
            }
        }
        try self.validateEventBackbone()
    }

    /// Checks buses, queues, rules and triggers: names valid and unique, every queue within SQS's bounds, every
    /// name a rule, trigger or redrive policy gives declared (a dead-letter queue's kind is checked with its queue's
    /// settings), dead-letter queues without cycles,
    /// every pattern valid, every trigger within Lambda's bounds.
    public func validateEventBackbone() throws(ManifestError) {
        var busNames: Set<String> = [Bus.defaultName]
        for bus in self.buses {
            guard Bus.isValidName(bus.name), bus.name != Bus.defaultName else {
                throw .invalidBus(bus.name, "use 1–256 letters, digits, '.', '-' or '_' (and not 'default')")
            }
            guard busNames.insert(bus.name).inserted else { throw .duplicateName(kind: "bus", bus.name) }
            if let days = bus.archiveDays, days < 0 {
                throw .invalidBus(bus.name, "archive retention must be ≥ 0 days")
            }
            if let pattern = bus.archivePattern {
                do { _ = try EventPattern(parsing: pattern) } catch {
                    throw .invalidBus(bus.name, "archive pattern: \(error.reason)")
                }
            }
        }
        var queues: [String: Queue] = [:]
        for queue in self.queues {
            do { try queue.configuration.validate(forQueueNamed: queue.name) } catch {
                throw .invalidQueue(queue.name, error.message)
            }
            guard queues.updateValue(queue, forKey: queue.name) == nil else {
                throw .duplicateName(kind: "queue", queue.name)
            }
        }
        try Self.checkDeadLetterQueues(queues)
        let functionNames = Set(self.functionNames)
        var ruleNames: Set<String> = []
        for rule in self.rules {
            try Self.check(rule, buses: busNames, queues: queues, functions: functionNames)
            guard ruleNames.insert("\(rule.bus)/\(rule.name)").inserted else {
                throw .duplicateName(kind: "rule", rule.name)
            }
        }
        _ = try self.schedules()
        for function in self.functions {
            for trigger in function.queueTriggers {
                guard queues[trigger.queue] != nil else {
                    throw .unknownQueue(trigger.queue, referencedBy: "function '\(function.name)'")
                }
                do { try trigger.validate() } catch { throw .invalidTrigger(function: function.name, error.message) }
            }
            if let problem = function.tableStreams.lazy.compactMap({ $0.problem() }).first {
                throw .invalidTrigger(function: function.name, problem)
            }
        }
    }

    private static func check(
        _ rule: Rule, buses: Set<String>, queues: [String: Queue], functions: Set<String>
    ) throws(ManifestError) {
        guard Rule.isValidName(rule.name) else {
            throw .invalidRule(rule.name, "use 1–64 letters, digits, '.', '-' or '_'")
        }
        guard buses.contains(rule.bus) else { throw .unknownBus(rule.bus, referencedBy: "rule '\(rule.name)'") }
        do { _ = try EventPattern(parsing: rule.pattern) } catch {
            throw .invalidRule(rule.name, "invalid event pattern: \(error.reason)")
        }
        guard (1...Rule.maximumTargets).contains(rule.targets.count) else {
            throw .invalidRule(rule.name, "a rule has 1–\(Rule.maximumTargets) targets, got \(rule.targets.count)")
        }
        for target in rule.targets {
            switch target {
            case .queue(let name):
                guard queues[name] != nil else { throw .unknownQueue(name, referencedBy: "rule '\(rule.name)'") }
            case .function(let name):
                guard functions.contains(name) else {
                    throw .invalidRule(rule.name, "its target names no function of the app: '\(name)'")
                }
            }
        }
    }

    /// Every redrive policy names a declared queue, and following dead-letter queues never leads
    /// back to where it started.
    private static func checkDeadLetterQueues(_ queues: [String: Queue]) throws(ManifestError) {
        for queue in queues.values.sorted(by: { $0.name < $1.name }) {
            var path = [queue.name]
            var current = queue
            while let policy = current.configuration.redrivePolicy {
                guard let deadLetterQueue = queues[policy.deadLetterQueue] else {
                    throw .unknownQueue(policy.deadLetterQueue, referencedBy: "queue '\(current.name)'")
                }
                guard !path.contains(deadLetterQueue.name) else {
                    throw .deadLetterCycle(path + [deadLetterQueue.name])
                }
                path.append(deadLetterQueue.name)
                current = deadLetterQueue
            }
        }
    }
}
