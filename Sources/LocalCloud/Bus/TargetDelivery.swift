import Cloud
import Identifiers

/// Delivers what the bus owes one target and decides what follows a failure, by the rules of the target's kind:
/// a queue target is retried by EventBridge's retry policy (exponential backoff), a function whose invocation
/// failed by Lambda's asynchronous policy (one minute, then two). A target that does not exist is not retried.
/// What is not delivered in the end goes to the target's dead-letter queue, with the attributes EventBridge (or,
/// after a function error, Lambda) puts on such messages, or is dropped when the target has none.
struct TargetDelivery: Sendable {
    /// What a delivery attempt did.
    enum Outcome: Sendable {
        case delivered
        /// A failure worth retrying; `functionError` when the function ran and failed.
        case retriable(code: String, message: String, functionError: Bool)
        /// A failure no retry mends, such as a target that does not exist.
        case permanent(code: String, message: String)
    }

    /// What happens to the delivery next.
    enum Next: Sendable {
        case done
        case retry(at: Int64)
        case deadLetter(OutgoingMessage)
    }

    /// The longest wait between EventBridge's retries.
    static let maximumBackoff: Int64 = 300_000

    let queues: (any MessageQueue)?
    let functions: (any AsyncFunctionInvoker)?
    let arns: BusARN
    let tracing: BusDeliveryTracing

    /// Tries each delivery once, each in its event's trace: function targets one invocation at a time, then each queue's deliveries together,
    /// in order, in as few batch sends as the queue's batch limits allow. Leaves out the deliveries this bus has
    /// nothing to deliver with.
    func attempt(_ deliveries: [PendingDelivery]) async -> [(PendingDelivery, Outcome)] {
        var outcomes: [(PendingDelivery, Outcome)] = []
        var queueNames: [String] = []
        var toQueues: [String: [PendingDelivery]] = [:]
        for delivery in deliveries {
            switch delivery.target.destination {
            case .queue(let name):
                guard self.queues != nil else { continue }
                if toQueues[name] == nil { queueNames.append(name) }
                toQueues[name, default: []].append(delivery)
            case .function(let name):
                if let outcome = await self.invoke(name, with: delivery) { outcomes.append((delivery, outcome)) }
            }
        }
        for name in queueNames {
            outcomes += await self.send(toQueues[name] ?? [], to: name)
        }
        return outcomes
    }

    /// Sends `deliveries` to the queue `name` in batches of at most ten messages and 1 MiB, each message in its
    /// target's message group, if it has one (a FIFO queue target must).
    private func send(_ deliveries: [PendingDelivery], to name: String) async -> [(PendingDelivery, Outcome)] {
        guard let queues = self.queues else { return [] }
        var outcomes: [(PendingDelivery, Outcome)] = []
        for chunk in Self.batches(of: deliveries) {
            let traces = chunk.map(self.tracing.begin)
            let entries = zip(chunk, traces).enumerated().map { index, pair in
                BatchEntry(
                    id: String(index),
                    message: OutgoingMessage(
                        body: pair.0.payload, messageGroupID: pair.0.target.messageGroupID,
                        traceHeader: pair.1.traceHeader))
            }
            do {
                let failed = try await queues.sendBatch(entries, to: name).failed
                let errors = Dictionary(failed.map { ($0.id, $0.error) }) { first, _ in first }
                for (entry, (delivery, trace)) in zip(entries, zip(chunk, traces)) {
                    let outcome = errors[entry.id].map(Self.outcome(of:)) ?? .delivered
                    trace.end(failure: outcome.failure)
                    outcomes.append((delivery, outcome))
                }
            } catch {
                let outcome = Self.outcome(of: error)
                for (delivery, trace) in zip(chunk, traces) {
                    trace.end(failure: outcome.failure)
                    outcomes.append((delivery, outcome))
                }
            }
        }
        return outcomes
    }

    /// `deliveries` cut, in order, into runs that one batch send takes: at most ten messages, and at most 1 MiB
    /// together unless one message alone is larger (it then goes alone, and the queue judges it).
    private static func batches(of deliveries: [PendingDelivery]) -> [[PendingDelivery]] {
        var batches: [[PendingDelivery]] = []
        var current: [PendingDelivery] = []
        var size = 0
        for delivery in deliveries {
            let messageSize = delivery.message.size
            if !current.isEmpty,
                current.count == MessageQueueLimits.batchEntries
                    || size + messageSize > MessageQueueLimits.maximumMessageSize
            {
                batches.append(current)
                current = []
                size = 0
            }
            current.append(delivery)
            size += messageSize
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    /// What a queue's refusal means for the delivery: a queue that does not exist is not retried.
    private static func outcome(of error: MessageQueueError) -> Outcome {
        guard error.code != .queueDoesNotExist else {
            return .permanent(code: "RESOURCE_NOT_FOUND", message: error.message)
        }
        return .retriable(code: "SDK_CLIENT_ERROR", message: error.description, functionError: false)
    }

    /// Invokes the function `name` asynchronously with the delivery's event, in the event's trace; `nil` without a
    /// function invoker.
    private func invoke(_ name: String, with delivery: PendingDelivery) async -> Outcome? {
        guard let functions = self.functions else { return nil }
        let trace = self.tracing.begin(delivery)
        let outcome: Outcome
        switch await functions.invokeAsync(function: name, payload: delivery.payload, traceHeader: trace.traceHeader) {
        case .succeeded: outcome = .delivered
        case .functionError(let message): outcome = .retriable(code: "200", message: message, functionError: true)
        case .functionNotFound:
            outcome = .permanent(code: "RESOURCE_NOT_FOUND", message: "Function \(name) does not exist")
        }
        trace.end(failure: outcome.failure)
        return outcome
    }

    /// Whether `delivery` is too old to be attempted at `now` at all.
    static func isExpired(_ delivery: PendingDelivery, at now: Int64) -> Bool {
        now - delivery.ingestedMilliseconds > Self.maximumAge(of: delivery.target)
    }

    /// What follows `outcome` of the attempt made at `now`.
    func next(after outcome: Outcome, of delivery: PendingDelivery, at now: Int64) -> Next {
        switch outcome {
        case .delivered:
            return .done
        case .permanent(let code, let message):
            return self.deadLetter(delivery, code: code, message: message, exhausted: nil, functionError: false)
        case .retriable(let code, let message, let functionError):
            let attempts = delivery.attempts + 1
            let policy = functionError ? delivery.target.asyncInvocation : delivery.target.retryPolicy
            guard attempts <= policy.maximumRetryAttempts else {
                return self.deadLetter(
                    delivery, code: code, message: message, exhausted: "MaximumRetryAttempts",
                    functionError: functionError)
            }
            let backoff =
                functionError ? Int64(attempts) * 60_000 : min(Self.maximumBackoff, 1000 << min(attempts - 1, 20))
            guard now + backoff - delivery.ingestedMilliseconds <= Int64(policy.maximumEventAgeSeconds) * 1000 else {
                return self.deadLetter(
                    delivery, code: code, message: message, exhausted: "MaximumEventAgeInSeconds",
                    functionError: functionError)
            }
            return .retry(at: now + backoff)
        }
    }

    /// What follows a delivery found too old before it was attempted again.
    func expired(_ delivery: PendingDelivery) -> Next {
        self.deadLetter(
            delivery, code: "EVENT_EXPIRED", message: "The event is older than the target's maximum event age",
            exhausted: "MaximumEventAgeInSeconds", functionError: false)
    }

    private func deadLetter(
        _ delivery: PendingDelivery, code: String, message: String, exhausted: String?, functionError: Bool
    ) -> Next {
        guard delivery.target.deadLetterQueue != nil else { return .done }
        var attributes: [String: MessageAttributeValue]
        if functionError {
            // Lambda's attributes on an asynchronous invocation that failed: the HTTP status of the invoke and the
            // first kilobyte of the function's error.
            attributes = [
                "RequestID": .string(RandomUUID.make()), "ErrorCode": .number(code),
                "ErrorMessage": .string(String(decoding: Array(message.utf8.prefix(1024)), as: UTF8.self)),
            ]
        } else {
            attributes = [
                "RULE_ARN": .string(self.arns.rule(delivery.rule, bus: delivery.bus)),
                "TARGET_ARN": .string(self.targetARN(delivery.target)), "ERROR_CODE": .string(code),
                "ERROR_MESSAGE": .string(message.isEmpty ? code : message),
                "RETRY_ATTEMPTS": .number(String(delivery.attempts)),
            ]
            if let exhausted { attributes["EXHAUSTED_RETRY_CONDITION"] = .string(exhausted) }
        }
        return .deadLetter(
            OutgoingMessage(body: delivery.payload, messageAttributes: attributes, traceHeader: delivery.traceHeader))
    }

    private func targetARN(_ target: RuleTarget) -> String {
        switch target.destination {
        case .queue(let name): self.arns.queue(name)
        case .function(let name): self.arns.function(name)
        }
    }

    private static func maximumAge(of target: RuleTarget) -> Int64 {
        switch target.destination {
        case .queue: Int64(target.retryPolicy.maximumEventAgeSeconds) * 1000
        case .function: Int64(target.asyncInvocation.maximumEventAgeSeconds) * 1000
        }
    }
}

extension TargetDelivery.Outcome {
    /// Why the attempt did not deliver, as its trace records it; `nil` when it did.
    var failure: EventBusError? {
        switch self {
        case .delivered: nil
        case .retriable(let code, let message, _), .permanent(let code, let message):
            EventBusError(.internalFailure, "\(code): \(message)")
        }
    }
}
