import Middleware
import Testing

@Suite("Validation: string length")
struct ValidationRuleLengthTests {
    let name = ValidationRule<String>.length(1...100)

    @Test func aShortStringOfCombiningMarksIsRefusedByItsBytes() {
        // One character: a letter carrying half a million combining acute accents (1 MB of UTF-8).
        let swollen = "a" + String(repeating: "\u{0301}", count: 500_000)
        #expect(swollen.count == 1)
        #expect(self.name.violation(by: swollen) == "must be 1–100 characters long")
    }

    @Test func everyStringWithinTheDocumentedLengthPasses() {
        // JSON Schema's maxLength counts scalars: 100 scalars of four bytes each are within it.
        #expect(self.name.violation(by: String(repeating: "😀", count: 100)) == nil)
        #expect(self.name.violation(by: "Zoë Ångström") == nil)
        #expect(self.name.violation(by: String(repeating: "x", count: 101)) != nil)
        #expect(self.name.violation(by: "") != nil)
    }
}
