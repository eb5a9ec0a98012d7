#if canImport(Glibc)
import Glibc
import Testing

/// The binary's own `hypotf` (see `Sources/GlibcCompatibility`) must answer as glibc 2.35's does, since it replaces it for
/// every caller in the Lambda binary.
@Suite("hypotf defined by the binary itself")
struct HypotfCompatibilityTests {
    @Test func answersLikeTheLibraryFunction() {
        #expect(hypotf(3, 4) == 5)
        #expect(hypotf(-5, 12) == 13)
        #expect(hypotf(0, 0) == 0)
        #expect(hypotf(Float.greatestFiniteMagnitude, Float.greatestFiniteMagnitude) == .infinity)
        #expect(hypotf(1e-30, 1e-30) == Float(hypot(1e-30, 1e-30)))
    }

    @Test func infinityWinsOverNaN() {
        #expect(hypotf(.infinity, .nan) == .infinity)
        #expect(hypotf(.nan, -.infinity) == .infinity)
        #expect(hypotf(.nan, 1).isNaN)
    }

    @Test func callsFromSwiftReachIt() {
        // The Glibc overlay's `hypot(Float, Float)` is the caller that pulled in `hypotf@GLIBC_2.35`.
        #expect(hypot(Float(8), Float(15)) == 17)
    }

    /// The `hypotf` every caller in this process reaches (the first definition in the global scope, which starts
    /// with the executable) is not libm's: the one linked into the executable takes its place.
    @Test func theExecutablesOwnDefinitionIsTheOneCalled() throws {
        let libm = try #require(dlopen("libm.so.6", RTLD_NOW))
        defer { dlclose(libm) }
        let librarys = try #require(dlsym(libm, "hypotf"))
        let reached = try #require(dlsym(nil, "hypotf"))
        #expect(reached != librarys)
    }
}
#endif
