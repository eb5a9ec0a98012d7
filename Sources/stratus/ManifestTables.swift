import Cloud

/// What `stratus serve` prints at start: the manifest's functions with what triggers each (routes, queues, rules,
/// schedules, and table streams where they run), then its queues and its rules when it has any.
struct ManifestTables {
    let manifest: AppManifest
    /// Whether the table stream triggers run and are listed: on AWS (`--backend aws`), not in the local cloud, whose
    /// own relay does their work.
    var runsTableStreams = false

    var rendered: String {
        var tables = [self.functions.rendered]
        if !self.manifest.queues.isEmpty { tables.append(self.queues.rendered) }
        let rules = self.manifest.rules
        if !rules.isEmpty { tables.append(Self.rules(rules).rendered) }
        return tables.joined(separator: "\n\n")
    }

    private var functions: TextTable {
        let rows = self.manifest.functions.flatMap { function in
            let triggers = self.triggers(of: function)
            return (triggers.isEmpty ? ["-"] : triggers).enumerated().map { index, trigger in
                index == 0
                    ? [function.name, trigger, "\(function.memoryMB) MB", "\(function.timeout.components.seconds) s"]
                    : ["", trigger, "", ""]
            }
        }
        return TextTable(header: ["FUNCTION", "TRIGGERS", "MEMORY", "TIMEOUT"], rows: rows)
    }

    private func triggers(of function: Function) -> [String] {
        function.routes.map(\.routeKey)
            + function.queueTriggers.map { "queue \($0.queue) (batch \($0.batchSize))" }
            + function.eventRules.map { "rule \($0.name) on \($0.bus)" }
            + function.schedules.map { $0.timeZone == "UTC" ? $0.expression : "\($0.expression) \($0.timeZone)" }
            + (self.runsTableStreams ? function.tableStreams.map { "table stream (batch \($0.batchSize))" } : [])
    }

    private var queues: TextTable {
        let rows = self.manifest.queues.map { queue in
            let configuration = queue.configuration
            return [
                queue.name,
                configuration.fifo ? "FIFO" : "standard",
                "\(configuration.visibilityTimeout.components.seconds) s",
                configuration.redrivePolicy.map { "\($0.deadLetterQueue) after \($0.maxReceiveCount)" } ?? "-",
            ]
        }
        return TextTable(header: ["QUEUE", "TYPE", "VISIBILITY", "DEAD-LETTER QUEUE"], rows: rows)
    }

    private static func rules(_ rules: [Rule]) -> TextTable {
        TextTable(
            header: ["RULE", "BUS", "TARGETS"],
            rows: rules.map { [$0.name, $0.bus, $0.targets.map(\.description).joined(separator: ", ")] }
        )
    }
}
