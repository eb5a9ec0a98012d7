package import Cloud

/// Which queue each dead-letter queue of an app takes the failures of, as the manifest's redrive policies say.
package struct DeadLetterSources: Sendable, Equatable {
    /// The source queue of each dead-letter queue, by the dead-letter queue's name.
    package let sourceByDeadLetterQueue: [String: String]

    /// The dead-letter queues of `manifest`; a dead-letter queue shared by several queues names the first declared.
    package init(_ manifest: AppManifest) {
        var sources: [String: String] = [:]
        for queue in manifest.queues {
            guard let deadLetterQueue = queue.configuration.redrivePolicy?.deadLetterQueue else { continue }
            sources[deadLetterQueue] = sources[deadLetterQueue] ?? queue.name
        }
        self.sourceByDeadLetterQueue = sources
    }

    /// The mapping `sourceByDeadLetterQueue`, e.g. for a test.
    package init(_ sourceByDeadLetterQueue: [String: String]) {
        self.sourceByDeadLetterQueue = sourceByDeadLetterQueue
    }

    /// The queue a message of the dead-letter queue `deadLetterQueue` failed in, preferring the source that SQS
    /// names on the message (`deadLetterQueueSourceArn`).
    func sourceQueue(of deadLetterQueue: String, sourceARN: String?) throws(DeadLetterError) -> String {
        if let sourceARN, let name = Self.queueName(ofARN: sourceARN) { return name }
        guard let source = self.sourceByDeadLetterQueue[deadLetterQueue] else {
            throw DeadLetterError(.unknownDeadLetterQueue, "\(deadLetterQueue) is no dead-letter queue of the app")
        }
        return source
    }

    /// The queue name at the end of an SQS ARN (`arn:aws:sqs:<region>:<account>:<name>`).
    static func queueName(ofARN arn: String) -> String? {
        guard let name = arn.split(separator: ":", omittingEmptySubsequences: false).last, !name.isEmpty else {
            return nil
        }
        return String(name)
    }
}
