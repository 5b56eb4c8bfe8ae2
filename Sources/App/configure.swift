import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import NIOPosix
import SQLKit
import Vapor

/// Wires the app: database, sessions, views, middleware, migrations, commands and routes.
/// `settings` defaults to the environment; tests pass their own.
public func configure(_ app: Application) async throws {
    try await configure(app, settings: try AppSettings.fromEnvironment())
}

func configure(_ app: Application, settings: AppSettings) async throws {
    app.settings = settings
    if let home = ResourceLocation.home(
        configured: settings.resourceHome, workingDirectory: app.directory.workingDirectory,
        executable: Bundle.main.executablePath)
    {
        app.directory.resourcesDirectory = home + "Resources/"
        app.directory.viewsDirectory = home + "Resources/Views/"
        app.directory.publicDirectory = home + "Public/"
    }
    try useDatabase(settings.database, on: app)
    app.passwords.use(.bcrypt(cost: settings.bcryptCost))

    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .internetTime
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .internetTime
    ContentConfiguration.global.use(encoder: encoder, for: .json)
    ContentConfiguration.global.use(decoder: decoder, for: .json)

    useCachedViews(app)
    app.routes.defaultMaxBodySize = ByteCount(stringLiteral: settings.maxBodySize)

    app.sessions.use(.stored)
    let secure = settings.secureCookies
    app.sessions.configuration = SessionsConfiguration(cookieName: "salespulse_session") { id in
        HTTPCookies.Value(
            string: id.string, expires: Date().addingTimeInterval(60 * 60 * 24 * 14),
            path: "/", isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }

    // Order matters: metrics see the final status, errors are rendered before headers are added,
    // the session is read before anyone is authenticated, CSRF runs once we know how.
    app.middleware = Middlewares()
    app.middleware.use(MetricsMiddleware(metrics: app.requestMetrics))
    app.middleware.use(SecurityHeadersMiddleware(imageOrigins: app.settings.mapTiles.map { [$0.origin] } ?? []))
    app.middleware.use(ErrorRenderingMiddleware())
    app.middleware.use(EmptyQueryParameters())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory))
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(BearerTokenAuthenticator())
    app.middleware.use(SessionAuthenticator())
    app.middleware.use(CSRF())
    app.middleware.use(PageTimeZoneMiddleware())
    app.middleware.use(UnreadNotificationsMiddleware())

    // Migration progress is noise for one-shot commands; `migrate` and `serve` report their own.
    app.fluent.migrationLogLevel = .debug
    app.registerMigrations()
    app.registerCommands()
    app.registerJobHandlers()
    try routes(app)
}

/// Threads for SQLite's statements: enough that a backup and both job loops leave most of them
/// to requests.
let sqliteThreads = 16

/// How long a request waits for one of SQLite's few connections in a burst (as on PostgreSQL)
/// before it fails; the library's ten seconds fail requests that a busy moment only delayed.
let sqlitePoolWait = TimeAmount.seconds(30)

private func useDatabase(_ target: AppSettings.DatabaseTarget, on app: Application) throws {
    switch target {
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, connectionPoolTimeout: sqlitePoolWait), as: .sqlite)
        app.lifecycle.use(SQLiteWriterClosing())
    case .sqliteFile:
        let url = URL(fileURLWithPath: app.sqliteFilePath ?? "")
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Every SQLite statement runs on this pool's threads, one per core by default. A job's
        // long statement (copying a five-gigabyte file for a backup, a page of rescoring) then
        // left requests no thread at all, and they timed out as "busy" until it ended. Set
        // before the databases are: they keep the pool they were made with.
        app.threadPool = NIOThreadPool(numberOfThreads: sqliteThreads)
        app.databases.use(.sqlite(.file(url.path), connectionPoolTimeout: sqlitePoolWait), as: .sqlite)
        // Write-ahead logging lets readers go on while one request writes; it is a property
        // of the file, so setting it once at start-up is enough.
        app.lifecycle.use(SQLiteWriteAheadLog())
        app.lifecycle.use(SQLiteWriterClosing())
    case .postgres(let url, let searchPath):
        var configuration = try SQLPostgresConfiguration(url: url)
        configuration.searchPath = searchPath
        // A burst of writes queues for the few connections each event loop keeps; waiting up to
        // half a minute for one beats failing the request after ten seconds.
        app.databases.use(
            .postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(30)),
            as: .psql)
    }
}

extension Application {
    /// The SQLite file the app keeps its data in, when it does.
    var sqliteFilePath: String? {
        guard case .sqliteFile(let path) = settings.database else { return nil }
        return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: directory.workingDirectory)).path
    }
}

/// Switches a SQLite file to write-ahead logging when the app boots, and brings the query
/// planner's statistics up to date (a file loaded or imported elsewhere may have none).
private struct SQLiteWriteAheadLog: LifecycleHandler {
    func didBootAsync(_ application: Application) async throws {
        try await application.db.sql.raw("PRAGMA journal_mode = WAL").run()
        try await application.db.sql.refreshPlannerStatistics()
    }
}

/// Closes the app's SQLite write connection when it shuts down, after the write under way.
private struct SQLiteWriterClosing: LifecycleHandler {
    func shutdownAsync(_ application: Application) async {
        await SQLiteWriteQueue.close(for: application.db)
    }
}
