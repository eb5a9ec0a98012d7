import Foundation
import LambdaEvents
import Observability

/// A datagram as the X-Ray daemon reads it: a header line whose `format` is `json` (any case) and whose `version`
/// is 1, a newline, and one segment document. Anything else is refused, as the daemon drops it.
enum DaemonDatagram {
    enum Refusal: Error, Equatable {
        case noHeader
        case invalidHeader
        case invalidDocument(String)
    }

    static func document(from bytes: some Collection<UInt8>) throws(Refusal) -> SegmentDocument {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { throw .noHeader }
        let header = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes[..<newline]))
        guard header?["format"]?.stringValue?.lowercased() == "json", header?["version"] == .integer(1) else { throw .invalidHeader }
        do {
            let document = try JSONDecoder().decode(SegmentDocument.self, from: Data(bytes[bytes.index(after: newline)...]))
            guard document.traceID.map(XRayTraceHeader.isTraceID) == true, XRayTraceHeader.isSegmentID(document.id) else {
                throw Refusal.invalidDocument("a segment needs a trace_id and a 16-digit id")
            }
            return document
        } catch let refusal as Refusal {
            throw refusal
        } catch {
            throw .invalidDocument("\(error)")
        }
    }
}
