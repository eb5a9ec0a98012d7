import Foundation
import Identifiers
import Testing

@Suite struct RandomUUIDTests {
    @Test func wellFormedMeansWhatFoundationAccepts() {
        for text in ["3F2B8C1E-9D4A-4F6B-8E2A-5C7D9E0F1A2B", "3f2b8c1e-9d4a-4f6b-8e2a-5c7d9e0f1a2b", RandomUUID.make()]
        {
            #expect(RandomUUID.isWellFormed(text))
            #expect(UUID(uuidString: text) != nil)
        }
        for text in [
            "", "not-an-id", "3f2b8c1e9d4a4f6b8e2a5c7d9e0f1a2b", "3f2b8c1e-9d4a-4f6b-8e2a-5c7d9e0f1a2g",
            "3f2b8c1e-9d4a-4f6b-8e2a-5c7d9e0f1a2b0", "{3f2b8c1e-9d4a-4f6b-8e2a-5c7d9e0f1a2b}",
            "3f2b8c1e_9d4a-4f6b-8e2a-5c7d9e0f1a2b",
        ] {
            #expect(!RandomUUID.isWellFormed(text), "\(text)")
            #expect(UUID(uuidString: text) == nil, "\(text)")
        }
    }
}
