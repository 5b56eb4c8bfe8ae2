@testable import App
import ConsoleKit
import Vapor

/// Runs a command of the app in process and returns what it printed.
func runCommand(_ app: Application, _ arguments: [String]) async throws -> String {
    let console = RecordingConsole()
    var context = CommandContext(console: console, input: CommandInput(arguments: ["salespulse"] + arguments))
    context.application = app
    try await console.run(app.asyncCommands.group(), with: context)
    return console.output
}
