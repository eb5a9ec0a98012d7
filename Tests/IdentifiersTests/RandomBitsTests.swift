import Identifiers
import Testing

@Suite struct RandomBitsTests {
    /// Words drawn concurrently, across many refills of the pool, are never handed out twice.
    @Test func wordsDrawnFromManyTasksNeverRepeat() async {
        let drawn = await withTaskGroup(of: [UInt64].self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<500).flatMap { _ in
                        let bits = RandomBits.next128()
                        return [bits.high, bits.low]
                    }
                }
            }
            return await group.reduce(into: []) { $0 += $1 }
        }
        #expect(drawn.count == 8_000)
        #expect(Set(drawn).count == drawn.count)
    }

    /// Every bit position is set in about half of the words: a pool left unfilled (zeros) or handing out a word's
    /// bytes shifted would not be.
    @Test func everyBitIsSetAboutHalfTheTime() {
        let words = (0..<2_000).flatMap { _ in
            let bits = RandomBits.next128()
            return [bits.high, bits.low]
        }
        for bit in 0..<64 {
            let set = words.count { $0 & (1 << UInt64(bit)) != 0 }
            #expect((1_700...2_300).contains(set), "bit \(bit) set in \(set) of \(words.count) words")
        }
    }
}
