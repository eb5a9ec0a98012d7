public import LocalCloud
public import Observability

/// The segments of `trace` once `recorder` holds at least `count` of them.
public func segments(of trace: String, in recorder: TelemetryRecorder, atLeast count: Int = 1) async throws
    -> [SegmentDocument]
{
    try await eventually { () -> [SegmentDocument]? in
        try await recorder.flush()
        let documents = try await recorder.store.segments(ofTrace: trace)
        return documents.count >= count ? documents : nil
    }
}
