import NIOCore
import NIOPosix
import SalesPulseCore
import Vapor

extension Application {
    func registerCommands() {
        asyncCommands.use(ServeWithDemoCommand(), as: "serve", isDefault: true)
        asyncCommands.use(MigrateDatabaseCommand(), as: "migrate")
        asyncCommands.use(CreateUserCommand(), as: "create-user")
        asyncCommands.use(SeedDemoCommand(), as: "seed-demo")
        asyncCommands.use(MLCommands(), as: "ml")
        asyncCommands.use(TrainCommand(), as: "train")
        asyncCommands.use(RollupsCommand(), as: "rollups")
        asyncCommands.use(WorkerCommand(), as: "worker")
        asyncCommands.use(ImportCommand(), as: "import")
        asyncCommands.use(ExportCommand(), as: "export")
        asyncCommands.use(BackupCommand(), as: "backup")
        asyncCommands.use(ExportEverythingCommand(), as: "export-everything")
        asyncCommands.use(RestoreCommand(), as: "restore")
        asyncCommands.use(DoctorCommand(), as: "doctor")
        asyncCommands.use(RouteCommands(), as: "route")
        asyncCommands.use(ForecastCommands(), as: "forecast")
        asyncCommands.use(ReportCommand(), as: "report")
    }
}

/// The whole program: parse the command line, run the command, exit non-zero with a readable
/// message on failure.
public enum SalesPulseMain {
    public static func run() async -> Int32 {
        // The shared pool for blocking work has a thread per core by default. Every request's
        // static-file check runs there, so two long statements (a backup's copy of a large
        // file, a job's page) left requests waiting on a two-core server. Set before anything
        // starts the pool.
        NIOSingletons.blockingPoolThreadCountSuggestion = max(sqliteThreads, System.coreCount)
        do {
            var env = try Environment.detect()
            try LoggingSystem.bootstrap(from: &env)
            let app = try await Application.make(env)
            do {
                try await configure(app)
                try await app.execute()
            } catch {
                try? await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
            return 0
        } catch {
            FileHandle.standardError.write(Data("error: \(commandLineMessage(for: error))\n".utf8))
            return 1
        }
    }

    static func commandLineMessage(for error: any Error) -> String {
        let payload = ErrorPayload(error)
        if payload.status == .internalServerError {
            return String(describing: error)
        }
        return payload.field.map { "\($0): \(payload.message)" } ?? payload.message
    }
}
