import Cloud
import Crypto
import Foundation
import GRDB
import Hashing
import Identifiers

/// The rows of one message: its line in `messages` and its attributes in `message_attributes`.
enum StoredMessage {
    /// The MD5 digest of `body` in lowercase hex, as SQS reports it.
    static func md5(of body: String) -> String {
        SHA256.hex(Array(Insecure.MD5.hash(data: Array(body.utf8))))
    }

    /// Writes `message` as a new message of `queue`, sent at `now`, and returns its row.
    static func insert(
        _ message: OutgoingMessage,
        into queue: StoredQueue,
        id: String,
        sequenceNumber: String?,
        deduplicationID: String?,
        now: Int64,
        in db: Database
    ) throws -> Int64 {
        let delay = message.delay ?? queue.configuration.delay
        try db.cachedStatement(
            sql: """
                INSERT INTO messages (queue, message_id, body, md5_of_body, trace_header, group_id, deduplication_id,
                    sequence_number, sent_ms, visible_at_ms, expires_at_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(
            arguments: [
                queue.name, id, message.body, Self.md5(of: message.body), message.traceHeader, message.messageGroupID,
                deduplicationID, sequenceNumber, now, now + delay.wholeMilliseconds,
                now + queue.configuration.retention.wholeMilliseconds,
            ])
        let seq = db.lastInsertedRowID
        for (name, value) in message.messageAttributes {
            try db.execute(
                sql: "INSERT INTO message_attributes (seq, name, data_type, value) VALUES (?, ?, ?, ?)",
                arguments: [seq, name, value.dataType, Data(value.bytes)])
        }
        return seq
    }

    /// The message in row `seq` as the receive that holds `handle` hands it out.
    static func received(_ seq: Int64, handle: ReceiptHandle, in db: Database) throws -> ReceivedMessage {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM messages WHERE seq = ?"), arguments: [seq])
        else {
            throw MessageQueueError(.unavailable, "The message \(seq) vanished while it was received")
        }
        var attributes: [String: MessageAttributeValue] = [:]
        let attributeRows = try Row.fetchAll(
            db.cachedStatement(sql: "SELECT name, data_type, value FROM message_attributes WHERE seq = ?"),
            arguments: [seq])
        for attribute in attributeRows {
            let bytes = [UInt8](attribute["value"] as Data)
            guard let value = MessageAttributeValue(dataType: attribute["data_type"], bytes: bytes) else {
                throw MessageQueueError(.unavailable, "A stored message attribute is corrupt")
            }
            attributes[attribute["name"]] = value
        }
        return ReceivedMessage(
            messageID: row["message_id"],
            receiptHandle: handle.text,
            body: row["body"],
            md5OfBody: row["md5_of_body"],
            messageAttributes: attributes,
            receiveCount: row["receive_count"],
            sentTimestamp: row["sent_ms"],
            firstReceiveTimestamp: row["first_receive_ms"],
            traceHeader: row["trace_header"],
            messageGroupID: row["group_id"],
            deduplicationID: row["deduplication_id"],
            sequenceNumber: row["sequence_number"])
    }

    /// Hides the message in row `seq` until `visibleAt`, counts the receive, and returns the receive's handle.
    static func markReceived(_ seq: Int64, now: Int64, visibleAt: Int64, in db: Database) throws -> ReceiptHandle {
        let handle = ReceiptHandle(seq: seq)
        try db.cachedStatement(
            sql: """
                UPDATE messages SET receive_count = receive_count + 1, first_receive_ms = coalesce(first_receive_ms, ?1),
                    last_receive_ms = ?1, visible_at_ms = ?2, receipt = ?3 WHERE seq = ?4
                """
        ).execute(arguments: [now, visibleAt, handle.token, seq])
        try db.cachedStatement(sql: "INSERT INTO receipts (token, seq) VALUES (?, ?)").execute(
            arguments: [handle.token, seq])
        return handle
    }

    /// Moves the message in row `seq` from `source` to its dead-letter queue `deadLetterQueue`, keeping its id, body,
    /// attributes and receive count; the handles of its receives no longer reach it. In a standard queue it expires
    /// by its original send time, in a FIFO queue by the time of the move, and its deduplication id becomes its id.
    static func moveToDeadLetterQueue(
        _ seq: Int64,
        from source: StoredQueue,
        to deadLetterQueue: StoredQueue,
        now: Int64,
        in db: Database
    ) throws {
        let retention = deadLetterQueue.configuration.retention.wholeMilliseconds
        try db.execute(
            sql: """
                UPDATE messages SET queue = ?, source_queue = ?, visible_at_ms = ?, receipt = NULL,
                    expires_at_ms = (CASE WHEN ? THEN ? ELSE sent_ms END) + ?,
                    deduplication_id = CASE WHEN ? THEN message_id ELSE deduplication_id END
                WHERE seq = ?
                """,
            arguments: [
                deadLetterQueue.name, source.name, now, deadLetterQueue.configuration.fifo, now, retention,
                deadLetterQueue.configuration.fifo, seq,
            ])
        try db.execute(sql: "DELETE FROM receipts WHERE seq = ?", arguments: [seq])
    }

    /// Sends the message in row `seq` again as a new message of `destination` (new id, sent now), with its body,
    /// attributes, trace header and FIFO ids, and deletes the old one.
    static func resend(_ seq: Int64, to destination: StoredQueue, now: Int64, in db: Database) throws {
        let configuration = destination.configuration
        let sequenceNumber = configuration.fifo ? try destination.nextSequenceNumber(in: db) : nil
        try db.execute(
            sql: """
                INSERT INTO messages (queue, message_id, body, md5_of_body, trace_header, group_id, deduplication_id,
                    sequence_number, sent_ms, visible_at_ms, expires_at_ms)
                SELECT ?, ?, body, md5_of_body, trace_header, group_id, deduplication_id, ?, ?, ?, ?
                FROM messages WHERE seq = ?
                """,
            arguments: [
                destination.name, RandomUUID.make(), sequenceNumber, now, now + configuration.delay.wholeMilliseconds,
                now + configuration.retention.wholeMilliseconds, seq,
            ])
        try db.execute(
            sql: """
                INSERT INTO message_attributes (seq, name, data_type, value)
                SELECT ?, name, data_type, value FROM message_attributes WHERE seq = ?
                """,
            arguments: [db.lastInsertedRowID, seq])
        try db.execute(sql: "DELETE FROM messages WHERE seq = ?", arguments: [seq])
    }

    /// Deletes the messages of `queue` whose retention period has passed.
    static func deleteExpired(in queue: String, now: Int64, in db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM messages WHERE queue = ? AND expires_at_ms <= ?").execute(
            arguments: [queue, now])
    }
}
