import Vapor

extension Request {
    var userService: UserService {
        UserService(db: db, passwords: PasswordHashing(self), rule: settings.passwordRule)
    }

    var teamService: TeamService { TeamService(db: db) }

    var tokenService: TokenService { TokenService(db: db) }

    var loginService: LoginService {
        LoginService(
            db: db, passwords: PasswordHashing(self), lockout: settings.lockout, clientLockout: settings.clientLockout,
            clientAddress: remoteAddress?.ipAddress, now: now)
    }

    var passwordResetService: PasswordResetService {
        PasswordResetService(
            db: db, userService: userService, delivery: application.resetLinkDelivery,
            publicURL: settings.publicURL, validity: settings.passwordResetValidity,
            now: now, logger: logger)
    }
}

extension Application {
    private struct ResetDeliveryKey: StorageKey { typealias Value = any ResetLinkDelivery }

    var resetLinkDelivery: any ResetLinkDelivery {
        get { storage[ResetDeliveryKey.self] ?? MailResetLinkDelivery(app: self) }
        set { storage[ResetDeliveryKey.self] = newValue }
    }

    var userService: UserService {
        UserService(db: db, passwords: PasswordHashing(self), rule: settings.passwordRule)
    }
}
