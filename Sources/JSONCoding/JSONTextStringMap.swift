/// A JSON object of strings kept as the text it was read from: where each key and value lies in it, every one ASCII
/// without escapes, so that each is the bytes between its quotes. Reading it makes no string and hashes no key; a
/// lookup compares the keys' bytes and makes a string of the one value it returns. A key repeated in the text has
/// its last value, as in a dictionary made from the object.
package struct JSONTextStringMap: Sendable {
    /// Where a member's key and value lie in ``text``, between their quotes.
    struct Member: Sendable {
        let keyStart: Int32
        let keyEnd: Int32
        let valueStart: Int32
        let valueEnd: Int32
    }

    /// The JSON text the members were read from (shared, not copied).
    let text: [UInt8]
    /// The members in the order of the text.
    let members: [Member]

    /// Whether the object has no member.
    package var isEmpty: Bool { self.members.isEmpty }

    /// The value of `key`, the last one when the key is repeated; `nil` when the object does not have it.
    package func value(forKey key: String) -> String? {
        var key = key
        return key.withUTF8 { wanted in
            self.text.withUnsafeBufferPointer { text in
                for member in self.members.reversed()
                where Int(member.keyEnd - member.keyStart) == wanted.count
                    && wanted.elementsEqual(text[Int(member.keyStart)..<Int(member.keyEnd)])
                {
                    return String(
                        decoding: UnsafeBufferPointer(rebasing: text[Int(member.valueStart)..<Int(member.valueEnd)]),
                        as: UTF8.self)
                }
                return nil
            }
        }
    }

    /// Every member in a dictionary, a repeated key with its last value.
    package var dictionary: [String: String] {
        var dictionary = [String: String](minimumCapacity: self.members.count)
        self.text.withUnsafeBufferPointer { text in
            func string(_ start: Int32, _ end: Int32) -> String {
                String(decoding: UnsafeBufferPointer(rebasing: text[Int(start)..<Int(end)]), as: UTF8.self)
            }
            for member in self.members {
                dictionary[string(member.keyStart, member.keyEnd)] = string(member.valueStart, member.valueEnd)
            }
        }
        return dictionary
    }
}
