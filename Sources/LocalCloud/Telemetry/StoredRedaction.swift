import JSONCoding
import Observability

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The cleaning the local cloud applies to what it stores, whichever process sent it (a function built without
/// Stratus' logger or tracer, any X-Ray SDK): the same ``Redaction`` the capture applies, done again before a log
/// line or segment reaches the telemetry store and its API.
///
/// - a log line that is a JSON object loses its secrets (``Redaction/secrets``, as the logger redacts them);
/// - a segment's metadata and annotations, and those of the subsegments it embeds, lose their secrets and personal
///   data (``Redaction/traceMetadata``), and the query of its `http.request.url` its sensitive parameters.
///
/// A line or document with nothing to remove is kept byte for byte as it came.
enum StoredRedaction {
    /// `line`, cleaned when it is a JSON object, and that object as cleaned (`nil` for any other line), so that
    /// its reader need not parse it again; a line that opens like one but does not parse cannot be checked, so only
    /// its size is kept.
    static func line(_ line: String) -> (text: String, object: [String: JSONValue]?) {
        guard line.utf8.first == UInt8(ascii: "{") else { return (line, nil) }
        guard let value = JSONValue(parsing: Array(line.utf8)) else { return (Redaction.replacement(of: line), nil) }
        let cleaned = Redaction.secrets.redacted(value)
        return (Self.encoded(cleaned, unless: value) ?? line, cleaned.objectValue)
    }

    /// `segment` with its document cleaned.
    static func segment(_ segment: ReceivedSegment) -> ReceivedSegment {
        // Most documents carry neither metadata nor a query: those are not read at all.
        guard Self.mayNeedCleaning(segment.json),
            let document = JSONValue(parsing: Array(segment.json.utf8)),
            let json = Self.encoded(Self.cleaned(document: document), unless: document)
        else { return segment }
        return ReceivedSegment(
            traceID: segment.traceID, id: segment.id, parentID: segment.parentID, startTime: segment.startTime,
            json: json)
    }

    /// Whether `json` holds a `?` or a string `"metadata"` or `"annotations"`, searched as bytes: every segment of
    /// every traced request is checked, and Foundation's string search, which `contains` with a string argument
    /// resolves to, goes through `CFString` for each of them.
    private static func mayNeedCleaning(_ json: String) -> Bool {
        var json = json
        return json.withUTF8 { text in
            guard let base = text.baseAddress else { return false }
            if memchr(base, Int32(UInt8(ascii: "?")), text.count) != nil { return true }
            // From one quote to the next: a marker is a string of its own.
            var position = 0
            while let quote = memchr(base + position, Int32(UInt8(ascii: "\"")), text.count - position) {
                position = base.distance(to: quote.assumingMemoryBound(to: UInt8.self)) + 1
                let rest = UnsafeBufferPointer(rebasing: text[position...])
                if Self.markers.contains(where: rest.starts(with:)) { return true }
            }
            return false
        }
    }

    /// The names that follow a quote in a document with metadata or annotations, with their closing quote.
    private static let markers: [[UInt8]] = [Array(#"metadata""#.utf8), Array(#"annotations""#.utf8)]

    private static func cleaned(document: JSONValue) -> JSONValue {
        guard case .object(var members) = document else { return document }
        for key in ["metadata", "annotations"] {
            if let value = members[key] { members[key] = Redaction.traceMetadata.redacted(value) }
        }
        if case .object(var http) = members["http"], case .object(var request) = http["request"],
            case .string(let url) = request["url"],
            let mark = url.firstIndex(of: "?")
        {
            request["url"] = .string(
                String(url[...mark]) + Redaction.traceMetadata.redacted(query: String(url[url.index(after: mark)...])))
            http["request"] = .object(request)
            members["http"] = .object(http)
        }
        if case .array(let subsegments) = members["subsegments"] {
            members["subsegments"] = .array(subsegments.map(Self.cleaned(document:)))
        }
        return .object(members)
    }

    /// `cleaned` as JSON text, or `nil` when the cleaning changed nothing (the original is kept as it came).
    private static func encoded(_ cleaned: JSONValue, unless original: JSONValue) -> String? {
        guard cleaned != original else { return nil }
        var writer = JSONWriter()
        writer.value(cleaned)
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}
