#if canImport(Glibc)
import Glibc
import Testing

/// The binary's own `arc4random` (see `Sources/GlibcCompatibility`) replaces glibc 2.36's for every caller in the
/// Lambda binary (the static libstdc++'s `std::random_device` among them): it must give random words.
@Suite("arc4random defined by the binary itself")
struct Arc4randomCompatibilityTests {
    /// The `arc4random` every caller in this process reaches: the first definition in the global scope, which starts
    /// with the executable.
    static func reachedDefinition() throws -> UnsafeMutableRawPointer {
        try #require(dlsym(nil, "arc4random"))
    }

    /// 1,000 words: every bit is set in some and clear in others, and no word repeats (a repeat among 1,000 random
    /// 32-bit words has a chance of about one in 8,600).
    @Test func givesRandomWords() throws {
        let arc4random = unsafeBitCast(try Self.reachedDefinition(), to: (@convention(c) () -> UInt32).self)
        let words = (0..<1000).map { _ in arc4random() }
        #expect(words.reduce(0, |) == UInt32.max)
        #expect(words.reduce(UInt32.max, &) == 0)
        #expect(Set(words).count == words.count)
    }

    /// It is not libc's (where libc has one): the one linked into the executable takes its place.
    @Test func theExecutablesOwnDefinitionIsTheOneCalled() throws {
        let libc = try #require(dlopen("libc.so.6", RTLD_NOW))
        defer { dlclose(libc) }
        let reached = try Self.reachedDefinition()
        if let librarys = dlsym(libc, "arc4random") {
            #expect(reached != librarys)
        }
    }
}
#endif
