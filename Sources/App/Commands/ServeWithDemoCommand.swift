import Vapor

/// `serve`: migrates, optionally seeds the demo company, then hands over to Vapor's server.
struct ServeWithDemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "hostname", short: "H", help: "Host to listen on (default 127.0.0.1).")
        var hostname: String?
        @Option(name: "port", short: "p", help: "Port to listen on (default 8080).")
        var port: Int?
        @Option(name: "bind", short: "b", help: "hostname:port in one.")
        var bind: String?
        @Flag(name: "demo", help: "Create the demo company (if missing) and print its logins.")
        var demo: Bool
        @Option(name: "seed", help: "Seed for the demo data (default 42).")
        var seed: Int?
        @Flag(name: "no-worker", help: "Do not run background jobs in this process (run `worker` beside it).")
        var noWorker: Bool
    }

    var help: String { "Migrates the database and serves the web app and API over HTTP." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        if signature.demo {
            let logins = try await DemoSeeder(app: app).seed(seed: UInt64(signature.seed ?? 42))
            SeedDemoCommand.printLogins(logins, console: context.console)
        }
        if !signature.noWorker {
            let worker = JobWorker(app: app)
            worker.start()
            app.lifecycle.use(JobWorkerLifecycle(worker: worker))
        }
        if let warning = Self.publicURLWarning(
            environment: ProcessInfo.processInfo.environment, bind: signature.bind,
            hostname: signature.hostname, port: signature.port)
        {
            app.logger.warning("\(warning)")
        }
        var arguments = ["serve"]
        if let bind = signature.bind { arguments += ["--bind", bind] }
        if let hostname = signature.hostname { arguments += ["--hostname", hostname] }
        if let port = signature.port { arguments += ["--port", String(port)] }
        var serveContext = context
        serveContext.input = CommandInput(arguments: arguments)
        try await app.servers.asyncCommand.run(using: &serveContext)
    }

    /// Links that leave the app (calendar files and feeds, reset links) use PUBLIC_URL; served
    /// on another address without it, they would point at 127.0.0.1:8080.
    static func publicURLWarning(environment: [String: String], bind: String?, hostname: String?, port: Int?) -> String?
    {
        guard (environment["PUBLIC_URL"] ?? "").isEmpty else { return nil }
        let address = bind ?? "\(hostname ?? "127.0.0.1"):\(port ?? 8080)"
        guard address != "127.0.0.1:8080" else { return nil }
        return
            "PUBLIC_URL is not set while serving on \(address): links in calendar files, feeds and emails will point at http://127.0.0.1:8080. Set PUBLIC_URL to the address people use."
    }
}
