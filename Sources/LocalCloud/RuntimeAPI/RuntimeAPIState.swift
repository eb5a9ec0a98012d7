import LambdaRuntime
import NIOCore
import Synchronization

/// The Runtime API's view of one function instance: the queue of invocations, those in flight (one, unless the
/// instance serves several at once like a Lambda Managed Instance), and whether the runtime failed to initialise.
/// Every transition happens under one lock; waiting polls and callers are answered after it is released, on the
/// thread that made the transition, so that a poll answered from the connection's event loop costs no thread hop.
///
/// Deadlines are kept by one watchdog timer rather than a timer per invocation: it is armed for the earliest
/// invocation in flight and, when it fires, times out those past their deadline and arms itself for the next. An
/// invocation that ends in time costs no timer at all.
final class RuntimeAPIState: Sendable {
    /// Answers one poll of `/invocation/next`; called exactly once, outside the lock.
    typealias PollAnswer = @Sendable (Poll) -> Void

    /// An invocation that a caller waits for.
    struct Pending: Sendable {
        var request: InvocationRequest
        var deadline: LambdaDeadline?
        var handedOutAt: ContinuousClock.Instant?
        /// When the invocation times out: its deadline and the grace after it.
        var expiresAt = NIODeadline.distantFuture
        /// Resumed exactly once, by whichever transition takes the invocation out of the state under the lock:
        /// unchecked, since it lies on every invocation's round trip.
        var completion: UnsafeContinuation<(InvocationOutcome, Duration), Never>
    }

    /// What a poll of `/invocation/next` gets.
    enum Poll: Sendable {
        case invocation(InvocationRequest, LambdaDeadline)
        case refused(RuntimeAPIRequestError)
    }

    private struct State {
        var queue: [Pending] = []
        var waitingPolls: [PollAnswer] = []
        var pollWatchers: [CheckedContinuation<Void, Never>] = []
        var inFlight: [String: Pending] = [:]
        var initFailure: LambdaFunctionError?
        var firstPollAt: ContinuousClock.Instant?
        /// Set once the runtime is gone: what every later invocation fails with.
        var closedWith: LambdaFunctionError?
        /// The watchdog's next round, while one is armed.
        var watchdog: Scheduled<Void>?
    }

    private let state = Mutex(State())
    private let timeout: Duration
    private let timeoutGrace: Duration
    private let concurrency: Int
    private let timers: any EventLoop
    private let onTimeout: @Sendable (String) -> Void

    /// A state whose invocations time out `timeoutGrace` after their deadline, on timers of `timers`.
    init(
        timeout: Duration,
        timeoutGrace: Duration,
        concurrency: Int,
        timers: any EventLoop,
        onTimeout: @escaping @Sendable (String) -> Void
    ) {
        self.timeout = timeout
        self.timeoutGrace = timeoutGrace
        self.concurrency = concurrency
        self.timers = timers
        self.onTimeout = onTimeout
    }

    /// Queues an invocation and waits for its outcome and duration.
    func invoke(_ request: InvocationRequest) async -> (InvocationOutcome, Duration) {
        await withUnsafeContinuation { completion in
            let handedOut = self.state.withLock { state -> (PollAnswer, Poll)? in
                if let failure = state.initFailure ?? state.closedWith {
                    completion.resume(returning: (.error(failure), .zero))
                    return nil
                }
                let pending = Pending(request: request, completion: completion)
                guard !state.waitingPolls.isEmpty else {
                    state.queue.append(pending)
                    return nil
                }
                return (state.waitingPolls.removeFirst(), self.handOut(pending, in: &state))
            }
            if let (answer, poll) = handedOut {
                answer(poll)
            }
        }
    }

    /// Answers a poll of `/invocation/next` through `answer`: at once when an invocation is queued (or the poll is
    /// refused), otherwise when one arrives.
    func nextInvocation(answer: @escaping PollAnswer) {
        let (now, watchers) = self.state.withLock { state -> (Poll?, [CheckedContinuation<Void, Never>]) in
            if state.closedWith != nil {
                return (.refused(.runtimeGone), [])
            }
            if state.initFailure != nil {
                return (.refused(.invalidStateTransition("the runtime reported an init error")), [])
            }
            if state.inFlight.count + state.waitingPolls.count >= self.concurrency {
                let why =
                    state.inFlight.isEmpty ? "another poll is already waiting" : "an invocation is still in flight"
                return (.refused(.invalidStateTransition(why)), [])
            }
            if state.firstPollAt == nil { state.firstPollAt = .now }
            if !state.queue.isEmpty {
                return (self.handOut(state.queue.removeFirst(), in: &state), [])
            }
            state.waitingPolls.append(answer)
            defer { state.pollWatchers = [] }
            return (nil, state.pollWatchers)
        }
        for watcher in watchers { watcher.resume() }
        if let now { answer(now) }
    }

    /// Returns once the runtime waits in `/invocation/next` with nothing to hand it, or is gone: where a benchmark
    /// starts its clock, as the minimal Runtime API does.
    func untilRuntimeWaits() async {
        await withCheckedContinuation { watcher in
            let ready = self.state.withLock { state in
                if !state.waitingPolls.isEmpty || state.closedWith != nil || state.initFailure != nil { return true }
                state.pollWatchers.append(watcher)
                return false
            }
            if ready { watcher.resume() }
        }
    }

    private func handOut(_ pending: Pending, in state: inout State) -> Poll {
        var pending = pending
        let deadline = LambdaDeadline.after(self.timeout)
        pending.deadline = deadline
        pending.handedOutAt = .now
        pending.expiresAt = .now() + TimeAmount(self.timeout + self.timeoutGrace)
        if state.watchdog == nil {
            state.watchdog = self.armWatchdog(at: pending.expiresAt)
        }
        state.inFlight[pending.request.requestID] = pending
        return .invocation(pending.request, deadline)
    }

    private func armWatchdog(at deadline: NIODeadline) -> Scheduled<Void> {
        self.timers.scheduleTask(deadline: deadline) { self.expireOverdueInvocations() }
    }

    /// The watchdog's round: times out the invocations past their deadline and arms the next round for the earliest
    /// one left in flight (one invocation's deadline is never earlier than those handed out before it).
    private func expireOverdueInvocations() {
        let overdue = self.state.withLock { state -> [Pending] in
            let now = NIODeadline.now()
            let overdueIDs = state.inFlight.filter { $0.value.expiresAt <= now }.keys
            let overdue = overdueIDs.compactMap { state.inFlight.removeValue(forKey: $0) }
            state.watchdog = state.inFlight.values.map(\.expiresAt).min().map(self.armWatchdog(at:))
            return overdue
        }
        for pending in overdue {
            Self.finish(pending, with: .error(.timeout(after: self.timeout)))
            self.onTimeout(pending.request.requestID)
        }
    }

    /// Completes the in-flight invocation `requestID` with `outcome`.
    func complete(requestID: String, with outcome: InvocationOutcome) throws(RuntimeAPIRequestError) {
        let pending = try self.state.withLock { state throws(RuntimeAPIRequestError) in
            guard let pending = state.inFlight.removeValue(forKey: requestID) else {
                throw .unknownRequestID(requestID)
            }
            return pending
        }
        Self.finish(pending, with: outcome)
    }

    /// Records an initialisation failure: the waiting and future invocations fail with it.
    func failInitialization(_ report: LambdaFunctionError) throws(RuntimeAPIRequestError) {
        let queued = try self.state.withLock { state throws(RuntimeAPIRequestError) in
            guard state.firstPollAt == nil, state.initFailure == nil else {
                throw .invalidStateTransition("init errors are accepted only before the first invocation")
            }
            state.initFailure = report
            defer { state.queue = [] }
            return state.queue
        }
        for pending in queued {
            pending.completion.resume(returning: (.error(report), .zero))
        }
    }

    /// The runtime went away (its process exited, or the emulator stops): everything waiting fails with `report`.
    func close(reporting report: LambdaFunctionError) {
        let waiting = self.state.withLock { state -> State? in
            guard state.closedWith == nil else { return nil }
            state.closedWith = report
            let waiting = state
            state.waitingPolls = []
            state.pollWatchers = []
            state.inFlight = [:]
            state.queue = []
            state.watchdog = nil
            return waiting
        }
        guard let waiting else { return }
        waiting.watchdog?.cancel()
        for poll in waiting.waitingPolls { poll(.refused(.runtimeGone)) }
        for watcher in waiting.pollWatchers { watcher.resume() }
        for inFlight in waiting.inFlight.values { Self.finish(inFlight, with: .error(report)) }
        for pending in waiting.queue { pending.completion.resume(returning: (.error(report), .zero)) }
    }

    /// Hands `outcome` to the invocation's caller, with the time since it was handed out.
    private static func finish(_ pending: Pending, with outcome: InvocationOutcome) {
        let duration = pending.handedOutAt.map { ContinuousClock.now - $0 } ?? .zero
        pending.completion.resume(returning: (outcome, duration))
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
