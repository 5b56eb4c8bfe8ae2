import Foundation
import NIOConcurrencyHelpers

/// Renews the leases of the jobs a worker loop holds, from the moment it asked for them until
/// their results are written: a finished job whose result waits behind other writes keeps its
/// lease, so no other loop takes it over and runs it again. Leases count from when the claim
/// was asked, so a claim that waited long for the write lock is renewed that much sooner.
final class LeaseKeeper: Sendable {
    private let held: NIOLockedValueBox<Set<UUID>>
    private let renewing: Task<Void, Never>

    init(_ ids: [UUID], queue: JobQueue, worker: String, lease: TimeInterval, clock: AppClock, askedAt: Date) {
        let held = NIOLockedValueBox(Set(ids))
        self.held = held
        let period = max(lease / 3, 0.05)
        renewing = Task {
            var due = askedAt.addingTimeInterval(period)
            while !Task.isCancelled {
                let wait = due.timeIntervalSinceNow
                if wait > 0 { try? await Task.sleep(for: .milliseconds(Int(wait * 1000))) }
                if Task.isCancelled { return }
                due = Date().addingTimeInterval(period)
                try? await queue.renew(
                    Array(held.withLockedValue { $0 }), worker: worker, lease: lease, now: clock.now())
            }
        }
    }

    /// Stops renewing jobs whose outcome is already written or which were given back.
    func drop(_ ids: [UUID]) {
        held.withLockedValue { $0.subtract(ids) }
    }

    func stop() { renewing.cancel() }
}
