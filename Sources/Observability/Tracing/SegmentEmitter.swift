/// Where finished segment documents go: the X-Ray daemon over UDP on Lambda, the local cloud's trace store locally.
public protocol SegmentEmitter: Sendable {
    func emit(_ document: SegmentDocument)
}
