import Foundation
import SalesPulseCore
import Testing

@Suite("Login lockout")
struct LoginLockoutTests {
    let lockout = LoginLockout(maxFailures: 5, lockDuration: 900)
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test func locksOnTheFifthFailureForFifteenMinutes() {
        var state = LoginLockout.State()
        for attempt in 1...4 {
            state = lockout.recordingFailure(state, now: start)
            #expect(!lockout.isLocked(state, now: start), "attempt \(attempt)")
        }
        state = lockout.recordingFailure(state, now: start)
        #expect(lockout.isLocked(state, now: start))
        #expect(lockout.isLocked(state, now: start.addingTimeInterval(899)))
        #expect(!lockout.isLocked(state, now: start.addingTimeInterval(900)))
    }

    @Test func anExpiredLockStartsAFreshCount() {
        var state = LoginLockout.State(failures: 5, lockedUntil: start)
        state = lockout.recordingFailure(state, now: start.addingTimeInterval(1))
        #expect(state.failures == 1)
        #expect(state.lockedUntil == nil)
    }
}
