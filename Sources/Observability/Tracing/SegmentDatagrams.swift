/// Segment documents as daemon datagrams: the header line `{"format": "json", "version": 1}`, a newline and one
/// document, each datagram within the daemon's 64 KB. A document too large goes as its parent without subsegments and
/// each subsegment on its own (`type` `subsegment`, with the trace and parent ids), recursively; a single subsegment
/// still too large loses its metadata.
enum SegmentDatagrams {
    static let header = Array(#"{"format": "json", "version": 1}"#.utf8) + [UInt8(ascii: "\n")]
    /// The daemon's receive buffer per datagram.
    static let maximumDatagramSize = 64 * 1024

    static func datagrams(for document: SegmentDocument, limit: Int = maximumDatagramSize) -> [[UInt8]] {
        Self.documents(for: document, traceID: document.traceID, bodyLimit: limit - Self.header.count).map {
            Self.header + $0
        }
    }

    private static func documents(for document: SegmentDocument, traceID: String?, bodyLimit: Int) -> [[UInt8]] {
        guard let body = Self.encode(document) else { return [] }
        if body.count <= bodyLimit { return [body] }
        guard let children = document.subsegments, !children.isEmpty else {
            var trimmed = document
            trimmed.metadata = ["stratus": ["truncated": .bool(true)]]
            guard let smaller = Self.encode(trimmed), smaller.count <= bodyLimit else { return [] }
            return [smaller]
        }
        var parent = document
        parent.subsegments = nil
        var result = Self.documents(for: parent, traceID: traceID, bodyLimit: bodyLimit)
        for var child in children {
            child.type = "subsegment"
            child.traceID = traceID
            child.parentID = document.id
            result += Self.documents(for: child, traceID: traceID, bodyLimit: bodyLimit)
        }
        return result
    }

    private static func encode(_ document: SegmentDocument) -> [UInt8]? {
        document.jsonBytes
    }
}
