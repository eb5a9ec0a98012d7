import Cloud
import Testing

@testable import LocalCloud

/// The MD5 digest of message attributes, which SDKs compare with their own.
@Suite("SQS message attribute digests")
struct SQSMessageAttributesTests {
    @Test func theDigestIsSQSsForEachDataTypeAndForSeveral() {
        // Digests SQS answers for these attributes, as published with the algorithm's reference implementations.
        #expect(
            SQSMessageAttributes.md5(of: ["attribName1": .string("attribValue 1")])
                == "19e27d4e946b072f3f58da80d94fd778")
        #expect(
            SQSMessageAttributes.md5(of: ["binaryAttribute": .binary(Array("Hello binary world!".utf8))])
                == "31a92b15d92f8db860eda32aceb656c3")
        #expect(SQSMessageAttributes.md5(of: [:]) == nil)
    }

    @Test func theDigestDependsOnTheNamesOrderNotTheMapsOrder() {
        let forward = SQSMessageAttributes.md5(of: ["a": .string("1"), "b": .number("2")])
        let renamed = SQSMessageAttributes.md5(of: ["b": .string("1"), "a": .number("2")])
        #expect(forward != nil)
        #expect(forward != renamed)
        #expect(SQSMessageAttributes.md5(of: ["a": .string("1")]) != SQSMessageAttributes.md5(of: ["a": .number("1")]))
    }
}
