import Cloud
import Foundation
import Testing

@testable import LocalCloud

/// Password reset against guessing: failed confirmations counted per account across reissued codes and reserved
/// before the comparison, reset codes limited per email and per client address, one error for every wrong case, and
/// the same work for an email with or without an account.
@Suite struct PasswordResetLimitsTests {
    /// A code that is not `code`.
    private static func wrong(_ code: String) -> String { code == "000000" ? "111111" : "000000" }

    /// The attack of the issue: one `forgotPassword`, five guesses, again. Reissuing a code no longer gives five more.
    @Test func failedConfirmationsAreCountedPerAccountAcrossReissuedCodes() async throws {
        let fixture = try IdentityFixture()
        _ = try await fixture.identity.signUp(email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        for round in 0..<2 {
            try await fixture.identity.forgotPassword(email: "ada@example.com", clientAddress: "192.0.2.1")
            let code = try fixture.latestCode(to: "ada@example.com")
            for _ in 0..<(round == 0 ? 3 : 2) {
                await #expect(throws: IdentityError.codeMismatch) {
                    try await fixture.identity.confirmForgotPassword(
                        email: "ada@example.com", code: Self.wrong(code), newPassword: "New-Horse-8")
                }
            }
        }
        let code = try fixture.latestCode(to: "ada@example.com")
        await #expect(
            throws: IdentityError.limitExceeded(retryAfterSeconds: 900),
            "five failures in all: even the right code waits"
        ) {
            try await fixture.identity.confirmForgotPassword(
                email: "ada@example.com", code: code, newPassword: "New-Horse-8")
        }
        fixture.advance(seconds: LocalIdentityProvider.resetFailureWindowSeconds)
        try await fixture.identity.forgotPassword(email: "ada@example.com", clientAddress: "192.0.2.1")
        try await fixture.identity.confirmForgotPassword(
            email: "ada@example.com", code: try fixture.latestCode(to: "ada@example.com"), newPassword: "New-Horse-8")
        _ = try await fixture.identity.signIn(email: "ada@example.com", password: "New-Horse-8")
    }

    /// Each guess reserves its failure before the comparison, so a hundred guesses at once compare five codes.
    @Test func aHundredParallelGuessesMakeAtMostFiveComparisons() async throws {
        let fixture = try IdentityFixture()
        _ = try await fixture.identity.signUp(email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        try await fixture.identity.forgotPassword(email: "ada@example.com", clientAddress: "192.0.2.1")
        let code = try fixture.latestCode(to: "ada@example.com")
        let identity = fixture.identity
        let outcomes = await withTaskGroup(of: IdentityError?.self) { group in
            for guess in 0..<100 {
                let attempt = String(format: "%06d", guess) == code ? Self.wrong(code) : String(format: "%06d", guess)
                group.addTask {
                    do throws(IdentityError) {
                        try await identity.confirmForgotPassword(
                            email: "ada@example.com", code: attempt, newPassword: "New-Horse-8")
                        return nil
                    } catch {
                        return error
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let compared = outcomes.filter { $0 == .codeMismatch }.count
        let refused = outcomes.filter { if case .limitExceeded = $0 { true } else { false } }.count
        #expect(compared <= LocalIdentityProvider.resetCodeAttempts)
        #expect(compared + refused == 100)
    }

    /// Five codes per email per hour, for an email with an account or without; twenty per client address.
    @Test func resetCodesAreLimitedPerEmailAndPerClientAddress() async throws {
        let fixture = try IdentityFixture()
        _ = try await fixture.identity.signUp(email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        for (index, email) in ["ada@example.com", "nobody@example.com"].enumerated() {
            let address = "192.0.2.\(index + 1)"
            for _ in 0..<LocalIdentityProvider.resetRequestsPerEmail {
                try await fixture.identity.forgotPassword(email: email, clientAddress: address)
            }
            await #expect(throws: IdentityError.limitExceeded(retryAfterSeconds: 3600), "\(email)") {
                try await fixture.identity.forgotPassword(email: email, clientAddress: address)
            }
        }
        for index in 0..<(LocalIdentityProvider.resetRequestsPerAddress) {
            try await fixture.identity.forgotPassword(email: "user\(index)@example.com", clientAddress: "198.51.100.7")
        }
        await #expect(throws: IdentityError.limitExceeded(retryAfterSeconds: 3600)) {
            try await fixture.identity.forgotPassword(email: "another@example.com", clientAddress: "198.51.100.7")
        }
        try await fixture.identity.forgotPassword(email: "another@example.com", clientAddress: "198.51.100.8")
        fixture.advance(seconds: 3600)
        try await fixture.identity.forgotPassword(email: "ada@example.com", clientAddress: "198.51.100.7")
    }

    /// An IPv6 client is limited by its /64, which one subscriber commonly holds whole: rotating addresses inside it
    /// gives no new allowance, another /64 has its own.
    @Test func anIPv6ClientIsLimitedByItsNetworkNotByEachAddress() async throws {
        let fixture = try IdentityFixture()
        for index in 0..<LocalIdentityProvider.resetRequestsPerAddress {
            try await fixture.identity.forgotPassword(
                email: "user\(index)@example.com", clientAddress: "2001:db8:1:2::\(index + 1)")
        }
        await #expect(throws: IdentityError.limitExceeded(retryAfterSeconds: 3600)) {
            try await fixture.identity.forgotPassword(
                email: "another@example.com", clientAddress: "2001:db8:1:2:ffff:1:2:3")
        }
        try await fixture.identity.forgotPassword(email: "another@example.com", clientAddress: "2001:db8:1:3::1")
        #expect(ClientNetwork.of("2001:DB8:1:2::1") == "20010db800010002::/64")
        #expect(ClientNetwork.of("::ffff:192.0.2.7") == "192.0.2.7")
        #expect(ClientNetwork.of("192.0.2.7") == "192.0.2.7")
        #expect(ClientNetwork.of("not an address") == "not an address")
    }

    /// One error for every wrong case, as Cognito answers `CodeMismatchException`; only the right code of a known
    /// account, expired less than a day ago, is told apart.
    @Test func everyWrongCaseIsTheSameErrorButAnExpiredCodeOfAKnownAccount() async throws {
        let fixture = try IdentityFixture()
        _ = try await fixture.identity.signUp(email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        _ = try await fixture.identity.signUp(email: "bob@example.com", password: "Correct-Horse-7", name: "Bob")
        await #expect(throws: IdentityError.codeMismatch, "no code was asked for") {
            try await fixture.identity.confirmForgotPassword(
                email: "bob@example.com", code: "123456", newPassword: "New-Horse-8")
        }
        try await fixture.identity.forgotPassword(email: "nobody@example.com", clientAddress: "192.0.2.1")
        await #expect(throws: IdentityError.codeMismatch, "an unknown email") {
            try await fixture.identity.confirmForgotPassword(
                email: "nobody@example.com", code: "123456", newPassword: "New-Horse-8")
        }
        try await fixture.identity.forgotPassword(email: "ada@example.com", clientAddress: "192.0.2.1")
        let replaced = try fixture.latestCode(to: "ada@example.com")
        try await fixture.identity.forgotPassword(email: "ada@example.com", clientAddress: "192.0.2.1")
        let code = try fixture.latestCode(to: "ada@example.com")
        if replaced != code {
            await #expect(throws: IdentityError.codeMismatch, "a code replaced by a newer one") {
                try await fixture.identity.confirmForgotPassword(
                    email: "ada@example.com", code: replaced, newPassword: "New-Horse-8")
            }
        }
        fixture.advance(seconds: LocalIdentityProvider.resetCodeLifetimeSeconds + 1)
        await #expect(throws: IdentityError.codeMismatch, "a wrong code, expired or not") {
            try await fixture.identity.confirmForgotPassword(
                email: "ada@example.com", code: Self.wrong(code), newPassword: "New-Horse-8")
        }
        await #expect(throws: IdentityError.expiredCode, "the right code of a known account, expired today") {
            try await fixture.identity.confirmForgotPassword(
                email: "ada@example.com", code: code, newPassword: "New-Horse-8")
        }
        fixture.advance(seconds: 24 * 3600)
        await #expect(throws: IdentityError.codeMismatch, "a day later the code is forgotten") {
            try await fixture.identity.confirmForgotPassword(
                email: "ada@example.com", code: code, newPassword: "New-Horse-8")
        }
    }

    /// `forgotPassword` takes as long for an email without an account as for one with.
    ///
    /// Method: 1,000 calls for a known and 1,000 for an unknown email, interleaved (so that load on the machine hits
    /// both alike), each pair after moving the clock an hour on (every call opens fresh limit windows, so both do
    /// the same store writes), timed with `ContinuousClock`; compared by their medians, which one slow call cannot
    /// move. Measured on the busy 2-core development machine (debug build): known 0.684 ms, unknown 0.667 ms median,
    /// a difference of 2.4 %, a tenth of the call-to-call spread (interquartile range 0.22 ms). Before the fix, the
    /// same measurement gave known 0.123 ms and unknown 0.011 ms (one read and nothing else: eleven times faster).
    /// The test allows 15 % between the medians.
    @Test func aResetRequestTakesAsLongForAnEmailWithoutAnAccount() async throws {
        let fixture = try IdentityFixture()
        _ = try await fixture.identity.signUp(email: "ada@example.com", password: "Correct-Horse-7", name: "Ada")
        let clock = ContinuousClock()
        var known: [Duration] = []
        var unknown: [Duration] = []
        for _ in 0..<1_000 {
            fixture.advance(seconds: 3600)
            known.append(
                try await clock.measure {
                    try await fixture.identity.forgotPassword(email: "ada@example.com", clientAddress: "192.0.2.1")
                })
            unknown.append(
                try await clock.measure {
                    try await fixture.identity.forgotPassword(email: "nobody@example.com", clientAddress: "192.0.2.2")
                })
        }
        let knownMedian = known.sorted()[known.count / 2]
        let unknownMedian = unknown.sorted()[unknown.count / 2]
        let difference = knownMedian > unknownMedian ? knownMedian - unknownMedian : unknownMedian - knownMedian
        #expect(difference < max(knownMedian, unknownMedian) * 0.15, "known \(knownMedian), unknown \(unknownMedian)")
    }
}
