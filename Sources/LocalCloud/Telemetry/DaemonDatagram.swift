import Foundation
import LambdaEvents
import Observability

/// A datagram as the X-Ray daemon reads it: a header line whose `format` is `json` (any case) and whose `version`
/// is 1, a newline, and one segment document. Anything else is refused, as the daemon drops it.
enum DaemonDatagram {
    enum ParseError: Error, Equatable {
        case noHeader
        case invalidHeader
        case invalidDocument(String)
    }

    /// The segment in `bytes`, read only as far as the store needs (its ids and start); the document is kept whole.
    static func segment(from bytes: some Collection<UInt8>) throws(ParseError) -> ReceivedSegment {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { throw .noHeader }
        guard let header = try? JSONDecoder().decode(Header.self, from: Data(bytes[..<newline])),
            header.format.lowercased() == "json", header.version == 1
        else { throw .invalidHeader }
        let body = Data(bytes[bytes.index(after: newline)...])
        let fields: IndexFields
        do {
            fields = try JSONDecoder().decode(IndexFields.self, from: body)
        } catch {
            throw .invalidDocument("\(error)")
        }
        guard XRayTraceHeader.isTraceID(fields.trace_id), XRayTraceHeader.isSegmentID(fields.id) else {
            throw .invalidDocument("a segment needs a trace_id and a 16-digit id")
        }
        return ReceivedSegment(
            traceID: fields.trace_id, id: fields.id, parentID: fields.parent_id, startTime: fields.start_time,
            json: String(decoding: body, as: UTF8.self)
        )
    }

    private struct Header: Decodable {
        let format: String
        let version: Int
    }

    /// The members the store indexes a document by; the decoder skips the rest.
    private struct IndexFields: Decodable {
        let trace_id: String
        let id: String
        let parent_id: String?
        let start_time: Double
    }
}
