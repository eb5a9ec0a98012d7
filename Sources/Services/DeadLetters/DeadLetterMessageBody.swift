/// Any JSON body: the dead-letter processor keeps a message's body as sent, so it reads nothing from it. A body that
/// is not JSON at all fails its record and stays in the dead-letter queue until the queue's retention ends.
struct DeadLetterMessageBody: Decodable, Sendable {
    init(from decoder: any Decoder) throws {}
}
