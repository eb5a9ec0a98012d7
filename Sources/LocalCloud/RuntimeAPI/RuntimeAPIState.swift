import LambdaRuntime
import NIOCore
import Synchronization

/// The Runtime API's view of one function instance: the queue of invocations, those in flight (one, unless the
/// instance serves several at once like a Lambda Managed Instance), and whether the runtime failed to initialise.
/// Every transition happens under one lock.
final class RuntimeAPIState: Sendable {
    /// An invocation that a caller waits for.
    struct Pending: Sendable {
        var request: InvocationRequest
        var deadline: LambdaDeadline?
        var handedOutAt: ContinuousClock.Instant?
        var completion: CheckedContinuation<(InvocationOutcome, Duration), Never>
    }

    /// What a poll of `/invocation/next` gets.
    enum Poll: Sendable {
        case invocation(InvocationRequest, LambdaDeadline)
        case refused(RuntimeAPIRequestError)
    }

    private struct State {
        var queue: [Pending] = []
        var waitingPolls: [CheckedContinuation<Poll, Never>] = []
        var inFlight: [String: Pending] = [:]
        var initFailure: LambdaFunctionError?
        var firstPollAt: ContinuousClock.Instant?
        /// Set once the runtime is gone: what every later invocation fails with.
        var closedWith: LambdaFunctionError?
    }

    private let state = Mutex(State())
    private let timeout: Duration
    private let concurrency: Int

    init(timeout: Duration, concurrency: Int) {
        self.timeout = timeout
        self.concurrency = concurrency
    }

    /// Queues an invocation and waits for its outcome and duration.
    func invoke(_ request: InvocationRequest) async -> (InvocationOutcome, Duration) {
        await withCheckedContinuation { completion in
            self.state.withLock { state in
                if let failure = state.initFailure {
                    completion.resume(returning: (.error(failure), .zero))
                    return
                }
                if let report = state.closedWith {
                    completion.resume(returning: (.error(report), .zero))
                    return
                }
                let pending = Pending(request: request, completion: completion)
                if !state.waitingPolls.isEmpty {
                    let poll = state.waitingPolls.removeFirst()
                    poll.resume(returning: self.handOut(pending, in: &state))
                } else {
                    state.queue.append(pending)
                }
            }
        }
    }

    /// Answers a poll of `/invocation/next`: at once when an invocation is queued, otherwise when one arrives.
    func nextInvocation() async -> Poll {
        await withCheckedContinuation { poll in
            self.state.withLock { state in
                if state.closedWith != nil {
                    poll.resume(returning: .refused(.runtimeGone))
                } else if state.initFailure != nil {
                    poll.resume(returning: .refused(.invalidStateTransition("the runtime reported an init error")))
                } else if state.inFlight.count + state.waitingPolls.count >= self.concurrency {
                    let why =
                        state.inFlight.isEmpty ? "another poll is already waiting" : "an invocation is still in flight"
                    poll.resume(returning: .refused(.invalidStateTransition(why)))
                } else {
                    if state.firstPollAt == nil { state.firstPollAt = .now }
                    if state.queue.isEmpty {
                        state.waitingPolls.append(poll)
                    } else {
                        poll.resume(returning: self.handOut(state.queue.removeFirst(), in: &state))
                    }
                }
            }
        }
    }

    private func handOut(_ pending: Pending, in state: inout State) -> Poll {
        var pending = pending
        let deadline = LambdaDeadline.after(self.timeout)
        pending.deadline = deadline
        pending.handedOutAt = .now
        state.inFlight[pending.request.requestID] = pending
        return .invocation(pending.request, deadline)
    }

    /// Completes the in-flight invocation `requestID` with `outcome`.
    func complete(requestID: String, with outcome: InvocationOutcome) throws(RuntimeAPIRequestError) {
        try self.state.withLock { state throws(RuntimeAPIRequestError) in
            guard let pending = state.inFlight.removeValue(forKey: requestID) else {
                throw .unknownRequestID(requestID)
            }
            let duration = pending.handedOutAt.map { ContinuousClock.now - $0 } ?? .zero
            pending.completion.resume(returning: (outcome, duration))
        }
    }

    /// Records an initialisation failure: the waiting and future invocations fail with it.
    func failInitialization(_ report: LambdaFunctionError) throws(RuntimeAPIRequestError) {
        try self.state.withLock { state throws(RuntimeAPIRequestError) in
            guard state.firstPollAt == nil, state.initFailure == nil else {
                throw .invalidStateTransition("init errors are accepted only before the first invocation")
            }
            state.initFailure = report
            for pending in state.queue {
                pending.completion.resume(returning: (.error(report), .zero))
            }
            state.queue = []
        }
    }

    /// Fails the invocation `requestID` with a timeout if it is still in flight.
    /// - Returns: whether it timed out.
    func expire(requestID: String) -> Bool {
        self.state.withLock { state in
            guard let pending = state.inFlight.removeValue(forKey: requestID) else { return false }
            let duration = pending.handedOutAt.map { ContinuousClock.now - $0 } ?? .zero
            pending.completion.resume(returning: (.error(.timeout(after: self.timeout)), duration))
            return true
        }
    }

    /// The runtime went away (its process exited, or the emulator stops): everything waiting fails with `report`.
    func close(reporting report: LambdaFunctionError) {
        self.state.withLock { state in
            guard state.closedWith == nil else { return }
            state.closedWith = report
            for poll in state.waitingPolls {
                poll.resume(returning: .refused(.runtimeGone))
            }
            state.waitingPolls = []
            for inFlight in state.inFlight.values {
                let duration = inFlight.handedOutAt.map { ContinuousClock.now - $0 } ?? .zero
                inFlight.completion.resume(returning: (.error(report), duration))
            }
            state.inFlight = [:]
            for pending in state.queue {
                pending.completion.resume(returning: (.error(report), .zero))
            }
            state.queue = []
        }
    }

    /// When the runtime first asked for an invocation: the end of its initialisation.
    var firstPollAt: ContinuousClock.Instant? {
        self.state.withLock { $0.firstPollAt }
    }

    /// How many invocations wait for the runtime to ask for them.
    var queuedCount: Int {
        self.state.withLock { $0.queue.count }
    }

    /// The initialisation failure the runtime reported, if any.
    var initFailure: LambdaFunctionError? {
        self.state.withLock { $0.initFailure }
    }
}
