import Synchronization

/// Keeps every line in memory, in order: for tests, and for local tools that show a function's output later.
public final class InMemoryLogSink: LogSink {
    private let captured = Mutex<[String]>([])

    /// Creates an empty sink.
    public init() {}

    /// Appends `line` to ``lines``.
    public func write(line: String) {
        self.captured.withLock { $0.append(line) }
    }

    /// Every line written so far.
    public var lines: [String] {
        self.captured.withLock { $0 }
    }
}
