package import LambdaEvents
import LambdaRuntime
package import Observability

/// A trace as one tree: every segment and subsegment of its documents, each under its parent (embedded
/// subsegments under their segment, documents sent on their own under their `parent_id`), children in start order,
/// with times relative to the trace's start. What `traces/{traceId}` answers, and what `stratus traces` reads.
package struct TraceTree: Codable, Sendable {
    package let traceID: String
    /// ISO 8601 UTC.
    package let startTime: String
    package let durationMilliseconds: Double
    package let segments: [Node]

    /// One segment or subsegment.
    package struct Node: Codable, Sendable {
        package let id: String
        package let name: String
        package let origin: String?
        package let namespace: String?
        /// Milliseconds from the trace's start to this node's.
        package let offsetMilliseconds: Double
        /// `nil` while in progress.
        package let durationMilliseconds: Double?
        package let error: Bool?
        package let throttle: Bool?
        package let fault: Bool?
        package let http: SegmentDocument.HTTPBlock?
        package let aws: [String: JSONValue]?
        package let annotations: [String: JSONValue]?
        package let metadata: [String: [String: JSONValue]]?
        package let cause: SegmentDocument.Cause?
        package let subsegments: [Node]
    }

    /// The tree of `documents`, all of one trace; `nil` when there are none.
    package init?(traceID: String, documents: [SegmentDocument]) {
        guard let start = documents.map(\.startTime).min() else { return nil }
        var flattened: [String: SegmentDocument] = [:]
        var childIDs: [String: [String]] = [:]
        var roots: [String] = []
        func add(_ document: SegmentDocument, under parent: String?) {
            flattened[document.id] = document
            if let parent { childIDs[parent, default: []].append(document.id) }
            for child in document.subsegments ?? [] { add(child, under: document.id) }
        }
        for document in documents { add(document, under: nil) }
        for document in documents {
            if let parent = document.parentID, flattened[parent] != nil {
                childIDs[parent, default: []].append(document.id)
            } else {
                roots.append(document.id)
            }
        }
        func node(_ id: String, depth: Int) -> Node? {
            guard let document = flattened[id], depth < 64 else { return nil }
            let children = (childIDs[id] ?? []).compactMap { flattened[$0] }.sorted { $0.startTime < $1.startTime }
            return Node(
                id: id, name: document.name, origin: document.origin, namespace: document.namespace,
                offsetMilliseconds: Self.milliseconds(document.startTime - start),
                durationMilliseconds: document.endTime.map { Self.milliseconds($0 - document.startTime) },
                error: document.error, throttle: document.throttle, fault: document.fault, http: document.http,
                aws: document.aws, annotations: document.annotations, metadata: document.metadata,
                cause: document.cause,
                subsegments: children.compactMap { node($0.id, depth: depth + 1) }
            )
        }
        let end = flattened.values.compactMap(\.endTime).max() ?? start
        self.traceID = traceID
        self.startTime = WallClock.iso8601(milliseconds: Int64((start * 1000).rounded(.down)))
        self.durationMilliseconds = Self.milliseconds(end - start)
        self.segments = roots.compactMap { flattened[$0] }.sorted { $0.startTime < $1.startTime }.compactMap {
            node($0.id, depth: 0)
        }
    }

    /// A duration in seconds as milliseconds, to the microsecond.
    static func milliseconds(_ seconds: Double) -> Double {
        (seconds * 1_000_000).rounded() / 1000
    }

    enum CodingKeys: String, CodingKey {
        case traceID = "traceId"
        case startTime, durationMilliseconds, segments
    }
}

/// What `traces` answers: the traces, newest first.
package struct TraceList: Codable, Sendable {
    package let traces: [TraceSummary]
}

/// A trace in a list: when it started, how long it took, what it was, and whether anything in it failed.
package struct TraceSummary: Codable, Sendable {
    package let traceID: String
    package let startTime: String
    package let durationMilliseconds: Double
    /// The first segment's name, such as the API stage.
    package let name: String
    package let method: String?
    package let url: String?
    package let status: Int?
    package let segmentCount: Int
    package let hasError: Bool
    package let hasFault: Bool

    package init(_ tree: TraceTree) {
        let root = tree.segments.first
        var count = 0
        var hasError = false
        var hasFault = false
        func visit(_ node: TraceTree.Node) {
            count += 1
            hasError = hasError || node.error == true || node.throttle == true
            hasFault = hasFault || node.fault == true
            node.subsegments.forEach(visit)
        }
        tree.segments.forEach(visit)
        self.traceID = tree.traceID
        self.startTime = tree.startTime
        self.durationMilliseconds = tree.durationMilliseconds
        self.name = root?.name ?? ""
        self.method = root?.http?.request?.method
        self.url = root?.http?.request?.url
        self.status = root?.http?.response?.status
        self.segmentCount = count
        self.hasError = hasError
        self.hasFault = hasFault
    }

    enum CodingKeys: String, CodingKey {
        case traceID = "traceId"
        case startTime, durationMilliseconds, name, method, url, status, segmentCount
        case hasError = "error"
        case hasFault = "fault"
    }
}
