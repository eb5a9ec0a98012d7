extension AppManifest {
    /// The queues in an order that makes each dead-letter queue before every queue redriving to it (the manifest has
    /// no cycles), otherwise in declaration order: the order in which the local cloud and `stratus provision` make
    /// them, since a redrive policy names a queue that must exist.
    public var queuesDeadLettersFirst: [Queue] {
        var ordered: [Queue] = []
        var placed: Set<String> = []
        var waiting = self.queues
        while !waiting.isEmpty {
            let ready = waiting.filter { queue in
                queue.configuration.redrivePolicy.map { placed.contains($0.deadLetterQueue) } ?? true
            }
            guard !ready.isEmpty else { return ordered + waiting }
            ordered += ready
            placed.formUnion(ready.map(\.name))
            waiting.removeAll { placed.contains($0.name) }
        }
        return ordered
    }
}
