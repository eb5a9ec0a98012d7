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

    /// Creates a header from its parts, unchecked.
    public init(root: String, parent: String? = nil, sampled: Bool? = nil) {
        self.root = root
        self.parent = parent
        self.sampled = sampled
    }

    /// Reads a header; `nil` when it has no well-formed `Root`. Unknown fields (`Lineage`, `Self`) are ignored, and
    /// so is a malformed `Parent` or `Sampled`. Read on the bytes in one pass: every invocation's header is read.
    public init?(_ header: String) {
        var header = header
        guard let fields = header.withUTF8({ Self.fields(of: $0) }) else { return nil }
        self.init(root: fields.root, parent: fields.parent, sampled: fields.sampled)
    }

    /// The trace id of `header` (its `Root`), read without the other fields: what log lines and metrics carry.
    public static func root(of header: String) -> String? {
        var header = header
        return header.withUTF8 { bytes in
            var root: String?
            Self.forEachField(of: bytes) { name, value in
                if Self.bytes(name, equal: "Root") {
                    root = Self.isTraceID(value) ? String(decoding: value, as: UTF8.self) : nil
                }
            }
            return root
        }
    }

    private static func fields(of bytes: UnsafeBufferPointer<UInt8>) -> (root: String, parent: String?, sampled: Bool?)?
    {
        var root: String?
        var parent: String?
        var sampled: Bool?
        Self.forEachField(of: bytes) { name, value in
            if Self.bytes(name, equal: "Root") {
                root = Self.isTraceID(value) ? String(decoding: value, as: UTF8.self) : nil
            } else if Self.bytes(name, equal: "Parent") {
                parent = Self.isSegmentID(value) ? String(decoding: value, as: UTF8.self) : nil
            } else if Self.bytes(name, equal: "Sampled") {
                sampled = Self.bytes(value, equal: "1") ? true : Self.bytes(value, equal: "0") ? false : nil
            }
        }
        guard let root else { return nil }
        return (root, parent, sampled)
    }

    /// Calls `body` with the name and value of each `name=value` field, spaces around both trimmed.
    private static func forEachField(
        of bytes: UnsafeBufferPointer<UInt8>,
        _ body: (_ name: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) -> Void
    ) {
        var index = 0
        while index < bytes.count {
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: ";") { index += 1 }
            let field = UnsafeBufferPointer(rebasing: bytes[start..<index])
            index += 1
            guard let equals = field.firstIndex(of: UInt8(ascii: "=")) else { continue }
            body(
                Self.trimmed(UnsafeBufferPointer(rebasing: field[..<equals])),
                Self.trimmed(UnsafeBufferPointer(rebasing: field[(equals + 1)...])))
        }
    }

    /// Whether `bytes` spell `name`, compared as bytes: the generic `elementsEqual` over a string's UTF-8 view costs
    /// more than the rest of the parse.
    private static func bytes(_ bytes: UnsafeBufferPointer<UInt8>, equal name: StaticString) -> Bool {
        bytes.count == name.utf8CodeUnitCount
            && UnsafeBufferPointer(start: name.utf8Start, count: bytes.count).elementsEqual(bytes)
    }

    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var slice = bytes[...]
        while slice.first == UInt8(ascii: " ") { slice = slice.dropFirst() }
        while slice.last == UInt8(ascii: " ") { slice = slice.dropLast() }
        return UnsafeBufferPointer(rebasing: slice)
    }

    /// The header's text, fields in X-Ray's order.
    public var description: String {
        var text = "Root="
        text.reserveCapacity(5 + self.root.utf8.count + 8 + (self.parent?.utf8.count ?? 0) + 10)
        text += self.root
        if let parent {
            text += ";Parent="
            text += parent
        }
        if let sampled {
            text += sampled ? ";Sampled=1" : ";Sampled=0"
        }
        return text
    }

    /// This trace continued under `parent`, keeping the sampling decision unless one is given.
    public func continued(under parent: String, sampled: Bool? = nil) -> XRayTraceHeader {
        XRayTraceHeader(root: self.root, parent: parent, sampled: sampled ?? self.sampled)
    }

    /// A new trace starting at `nowMilliseconds` that is not sampled, for an invocation that arrives without one.
    public static func unsampled(nowMilliseconds: Int64 = WallClock.nowMilliseconds()) -> XRayTraceHeader {
        XRayTraceHeader(
            root: Self.newTraceID(nowMilliseconds: nowMilliseconds), parent: Self.newSegmentID(), sampled: false)
    }

    /// A new trace id starting at `nowMilliseconds`.
    public static func newTraceID(nowMilliseconds: Int64 = WallClock.nowMilliseconds()) -> String {
        let seconds = UInt64(UInt32(truncatingIfNeeded: nowMilliseconds / 1000))
        return String(unsafeUninitializedCapacity: 35) { output in
            output[0] = UInt8(ascii: "1")
            output[1] = UInt8(ascii: "-")
            var position = TraceIdentifierSource.writeHex(seconds, digits: 8, to: output, at: 2)
            output[position] = UInt8(ascii: "-")
            position = TraceIdentifierSource.writeHex(
                TraceIdentifierSource.next(), digits: 8, to: output, at: position + 1)
            return TraceIdentifierSource.writeHex(TraceIdentifierSource.next(), digits: 16, to: output, at: position)
        }
    }

    /// A new segment or subsegment id: 16 hex digits, never all zeros.
    public static func newSegmentID() -> String {
        TraceIdentifierSource.hex(TraceIdentifierSource.next() | 1, digits: 16)
    }

    /// Whether `text` is a trace id: `1-` + 8 hex + `-` + 24 hex.
    public static func isTraceID(_ text: String) -> Bool {
        Self.isTraceID(text.utf8)
    }

    /// Whether `text` is a segment id: 16 hex digits.
    public static func isSegmentID(_ text: String) -> Bool {
        Self.isSegmentID(text.utf8)
    }

    private static func isTraceID(_ bytes: some Collection<UInt8>) -> Bool {
        guard bytes.count == 35 else { return false }
        for (offset, byte) in bytes.enumerated() {
            switch offset {
            case 0: guard byte == UInt8(ascii: "1") else { return false }
            case 1, 10: guard byte == UInt8(ascii: "-") else { return false }
            default: guard byte.isHexDigit else { return false }
            }
        }
        return true
    }

    private static func isSegmentID(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.count == 16 && bytes.allSatisfy(\.isHexDigit)
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains(self)
    }
}
