public import CoreMetrics

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A swift-metrics backend writing through ``EMFMetrics``: counters count (`Count`), recorders and meters record
/// their values (`None`), timers record milliseconds. A metric whose dimensions break EMF's rules is dropped, and the
/// reason goes to `onRejection` (standard error by default) each time a value is dropped.
public struct EMFMetricsFactory: MetricsFactory {
    /// The EMF writer the handlers record into.
    public let metrics: EMFMetrics
    private let onRejection: @Sendable (MetricsError) -> Void

    /// Creates a factory recording into `metrics`; `onRejection` is told of each dropped value.
    public init(
        metrics: EMFMetrics, onRejection: @escaping @Sendable (MetricsError) -> Void = Self.reportToStandardError
    ) {
        self.metrics = metrics
        self.onRejection = onRejection
    }

    /// Writes the rejection to standard error, where Lambda's log collects it beside the function's output.
    public static let reportToStandardError: @Sendable (MetricsError) -> Void = { error in
        let line = "Metrics: \(error)\n"
        _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
    }

    /// A counter whose increments are recorded with unit `Count`.
    public func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        EMFHandler(self.recording(label, dimensions, unit: .count))
    }

    /// A recorder whose values are recorded with unit `None`; `aggregate` is ignored, since CloudWatch aggregates.
    public func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        EMFHandler(self.recording(label, dimensions, unit: .none))
    }

    /// A meter whose values are recorded with unit `None`.
    public func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        EMFHandler(self.recording(label, dimensions, unit: .none))
    }

    /// A timer whose durations are recorded in milliseconds.
    public func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        EMFHandler(self.recording(label, dimensions, unit: .milliseconds))
    }

    /// Does nothing: handlers hold no resources.
    public func destroyCounter(_ handler: any CounterHandler) {}
    /// Does nothing: handlers hold no resources.
    public func destroyRecorder(_ handler: any RecorderHandler) {}
    /// Does nothing: handlers hold no resources.
    public func destroyMeter(_ handler: any MeterHandler) {}
    /// Does nothing: handlers hold no resources.
    public func destroyTimer(_ handler: any TimerHandler) {}

    private func recording(_ label: String, _ dimensions: [(String, String)], unit: MetricUnit)
        -> @Sendable (Double) -> Void
    {
        let metrics = self.metrics
        let onRejection = self.onRejection
        return { value in
            do throws(MetricsError) {
                try metrics.add(label, value: value, unit: unit, dimensions: dimensions)
            } catch {
                onRejection(error)
            }
        }
    }
}

/// One swift-metrics handler of every kind, recording each value it is given.
final class EMFHandler: CounterHandler, RecorderHandler, MeterHandler, TimerHandler, Sendable {
    private let record: @Sendable (Double) -> Void

    init(_ record: @escaping @Sendable (Double) -> Void) {
        self.record = record
    }

    func increment(by amount: Int64) { self.record(Double(amount)) }
    func reset() {}
    func record(_ value: Int64) { self.record(Double(value)) }
    func record(_ value: Double) { self.record(value) }
    func set(_ value: Int64) { self.record(Double(value)) }
    func set(_ value: Double) { self.record(value) }
    func increment(by amount: Double) { self.record(amount) }
    func decrement(by amount: Double) { self.record(-amount) }
    func recordNanoseconds(_ duration: Int64) { self.record(Double(duration) / 1_000_000) }
}
