public import Observability
import Synchronization

/// Keeps every document a tracer emits, for a test to read instead of a daemon.
public final class CollectingSegmentEmitter: SegmentEmitter {
    private let documents = Mutex<[SegmentDocument]>([])

    public init() {}

    public func emit(_ document: SegmentDocument) {
        self.documents.withLock { $0.append(document) }
    }

    /// Every document emitted so far, in order.
    public var emitted: [SegmentDocument] { self.documents.withLock { $0 } }
}
