public import LambdaRuntime

/// An X-Ray trace header, as `X-Amzn-Trace-Id`, `Lambda-Runtime-Trace-Id` and `_X_AMZN_TRACE_ID` carry it:
/// `Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1`.
public struct XRayTraceHeader: Sendable, Hashable, CustomStringConvertible {
    /// The trace id: `1-`, 8 hex digits of the trace's start in epoch seconds, `-`, 24 random hex digits.
    public var root: String
    /// The id of the segment or subsegment the receiver's work hangs under.
    public var parent: String?
    /// Whether the trace is recorded; `nil` when the sender left the decision to the receiver.
    public var sampled: Bool?

    public init(root: String, parent: String? = nil, sampled: Bool? = nil) {
        self.root = root
        self.parent = parent
        self.sampled = sampled
    }

    /// Reads a header; `nil` when it has no well-formed `Root`. Unknown fields (`Lineage`, `Self`) are ignored.
    public init?(_ header: String) {
        var root: String?
        var parent: String?
        var sampled: Bool?
        for field in header.utf8.split(separator: UInt8(ascii: ";")) {
            let parts = field.split(separator: UInt8(ascii: "="), maxSplits: 1)
            guard parts.count == 2 else { continue }
            let name = String(decoding: parts[0], as: UTF8.self).trimmingSpaces
            let value = String(decoding: parts[1], as: UTF8.self).trimmingSpaces
            switch name {
            case "Root": root = value
            case "Parent": parent = Self.isSegmentID(value) ? value : nil
            case "Sampled": sampled = value == "1" ? true : value == "0" ? false : nil
            default: continue
            }
        }
        guard let root, Self.isTraceID(root) else { return nil }
        self.init(root: root, parent: parent, sampled: sampled)
    }

    /// The header's text, fields in X-Ray's order.
    public var description: String {
        var text = "Root=\(self.root)"
        if let parent { text += ";Parent=\(parent)" }
        if let sampled { text += ";Sampled=\(sampled ? "1" : "0")" }
        return text
    }

    /// This trace continued under `parent`, keeping the sampling decision unless one is given.
    public func continued(under parent: String, sampled: Bool? = nil) -> XRayTraceHeader {
        XRayTraceHeader(root: self.root, parent: parent, sampled: sampled ?? self.sampled)
    }

    /// A new trace id starting at `nowMilliseconds`.
    public static func newTraceID(nowMilliseconds: Int64 = WallClock.nowMilliseconds()) -> String {
        let seconds = UInt64(UInt32(truncatingIfNeeded: nowMilliseconds / 1000))
        return "1-" + hex(seconds, digits: 8) + "-" + hex(.random(in: 0 ... .max), digits: 8) + hex(.random(in: 0 ... .max), digits: 16)
    }

    /// A new segment or subsegment id: 16 hex digits.
    public static func newSegmentID() -> String {
        hex(.random(in: 1 ... .max), digits: 16)
    }

    /// Whether `text` is a trace id: `1-` + 8 hex + `-` + 24 hex.
    public static func isTraceID(_ text: String) -> Bool {
        let parts = text.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        return parts.count == 3 && parts[0].elementsEqual("1".utf8) && parts[1].count == 8 && parts[2].count == 24
            && parts[1].allSatisfy(\.isHexDigit) && parts[2].allSatisfy(\.isHexDigit)
    }

    /// Whether `text` is a segment id: 16 hex digits.
    public static func isSegmentID(_ text: String) -> Bool {
        text.utf8.count == 16 && text.utf8.allSatisfy(\.isHexDigit)
    }

    private static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text.suffix(digits)
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        guard self.utf8.first == UInt8(ascii: " ") || self.utf8.last == UInt8(ascii: " ") else { return self }
        return String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
