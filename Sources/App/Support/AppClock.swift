import Foundation
import NIOConcurrencyHelpers
import Vapor

/// The app's notion of "now", replaceable so tests can move time (lockouts, token expiry).
final class AppClock: Sendable {
    private let offset = NIOLockedValueBox<TimeInterval>(0)

    func now() -> Date { Date().addingTimeInterval(offset.withLockedValue { $0 }) }

    /// Moves this clock forward; used by tests and nothing else.
    func advance(by seconds: TimeInterval) { offset.withLockedValue { $0 += seconds } }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = AppClock }
    private struct SettingsKey: StorageKey { typealias Value = AppSettings }

    var clock: AppClock {
        if let clock = storage[ClockKey.self] { return clock }
        let clock = AppClock()
        storage[ClockKey.self] = clock
        return clock
    }

    var settings: AppSettings {
        get {
            guard let settings = storage[SettingsKey.self] else {
                fatalError("configure(_:) sets the settings before use")
            }
            return settings
        }
        set { storage[SettingsKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.clock.now() }
    var settings: AppSettings { application.settings }
}
