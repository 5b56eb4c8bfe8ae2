import FluentKit
import Foundation
import NIOConcurrencyHelpers
import SQLiteKit
import VaporCSQLite

/// The one connection a process writes a SQLite file through. The pooled driver runs every
/// statement on a thread pool and hands each result back through an event loop, two thread
/// switches per statement while the file's write lock is held; a lead form's twenty-odd
/// statements spent most of their time in those switches. Here a statement runs on the thread
/// that asks for it, and statements are prepared once and kept. Only `SQLiteWriteQueue`
/// hands it out, one transaction at a time.
final class SQLiteWriter: @unchecked Sendable {
    /// Prepared statements kept per connection; a load's many-row inserts vary in length, so
    /// the cache is emptied when it grows past this rather than holding every shape.
    private static let keptStatements = 256
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private let lock = NIOLock()
    private var handle: OpaquePointer?
    private var prepared: [String: OpaquePointer] = [:]

    /// Opens `location` (a path or a `file:` address) as the pooled driver does, with the
    /// settings every write runs with.
    init(location: String, foreignKeys: Bool) throws {
        let flags = SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_URI
        let opened = sqlite_nio_sqlite3_open_v2(location, &handle, flags, nil)
        guard opened == SQLITE_OK else {
            let error = SQLiteWriteError(code: opened, message: "cannot open \(location)")
            sqlite_nio_sqlite3_close(handle)
            throw error
        }
        sqlite_nio_sqlite3_extended_result_codes(handle, 1)
        // Writers in other processes (commands run beside the server) are waited for.
        sqlite_nio_sqlite3_busy_timeout(handle, Int32(SQLiteWriteQueue.busyMilliseconds))
        do {
            // With write-ahead logging, NORMAL never corrupts the file and loses nothing when
            // the app crashes; only the machine losing power can undo the last commits. FULL
            // waits for the disk at every commit (3.5 ms here).
            try run("PRAGMA synchronous = NORMAL")
            if foreignKeys { try run("PRAGMA foreign_keys = ON") }
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    func close() {
        lock.withLock {
            for statement in prepared.values { sqlite_nio_sqlite3_finalize(statement) }
            prepared = [:]
            if let handle { sqlite_nio_sqlite3_close_v2(handle) }
            handle = nil
        }
    }

    /// Runs one statement, handing each row to `onRow` as it is stepped.
    func run(_ sql: String, _ binds: [SQLiteData] = [], onRow: (SQLiteWriterRow) throws -> Void = { _ in }) throws {
        try lock.withLock {
            guard handle != nil else {
                throw SQLiteWriteError(code: SQLITE_MISUSE, message: "the connection is closed")
            }
            let statement = try statement(for: sql)
            defer {
                sqlite_nio_sqlite3_reset(statement)
                sqlite_nio_sqlite3_clear_bindings(statement)
            }
            for (offset, value) in binds.enumerated() {
                try check(bind(value, at: Int32(offset + 1), of: statement))
            }
            var columns: SQLiteWriterRow.Columns?
            while true {
                let stepped = sqlite_nio_sqlite3_step(statement)
                if stepped == SQLITE_DONE { return }
                guard stepped == SQLITE_ROW else { throw failure(stepped) }
                let names = columns ?? SQLiteWriterRow.Columns(names: columnNames(of: statement))
                columns = names
                try onRow(SQLiteWriterRow(columns: names, values: values(of: statement, count: names.names.count)))
            }
        }
    }

    private func statement(for sql: String) throws -> OpaquePointer {
        if let kept = prepared[sql] { return kept }
        var statement: OpaquePointer?
        try check(sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil))
        guard let statement else { throw SQLiteWriteError(code: SQLITE_MISUSE, message: "empty statement: \(sql)") }
        if prepared.count >= Self.keptStatements {
            for kept in prepared.values { sqlite_nio_sqlite3_finalize(kept) }
            prepared = [:]
        }
        prepared[sql] = statement
        return statement
    }

    private func bind(_ value: SQLiteData, at index: Int32, of statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let number): sqlite_nio_sqlite3_bind_int64(statement, index, Int64(number))
        case .float(let number): sqlite_nio_sqlite3_bind_double(statement, index, number)
        case .text(let text):
            sqlite_nio_sqlite3_bind_text64(
                statement, index, text, UInt64(text.utf8.count), Self.transient, UInt8(SQLITE_UTF8))
        case .blob(let bytes):
            bytes.withUnsafeReadableBytes {
                sqlite_nio_sqlite3_bind_blob64(statement, index, $0.baseAddress, UInt64($0.count), Self.transient)
            }
        case .null: sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }

    private func columnNames(of statement: OpaquePointer) -> [String] {
        (0..<sqlite_nio_sqlite3_column_count(statement)).map { column in
            sqlite_nio_sqlite3_column_name(statement, column).map { String(cString: $0) } ?? ""
        }
    }

    private func values(of statement: OpaquePointer, count: Int) -> [SQLiteData] {
        (0..<Int32(count)).map { column in
            switch sqlite_nio_sqlite3_column_type(statement, column) {
            case SQLITE_INTEGER: .integer(SQLiteInt64(sqlite_nio_sqlite3_column_int64(statement, column)))
            case SQLITE_FLOAT: .float(sqlite_nio_sqlite3_column_double(statement, column))
            case SQLITE_TEXT:
                sqlite_nio_sqlite3_column_text(statement, column).map { .text(String(cString: $0)) } ?? .null
            case SQLITE_BLOB:
                .blob(
                    ByteBuffer(
                        bytes: UnsafeRawBufferPointer(
                            start: sqlite_nio_sqlite3_column_blob(statement, column),
                            count: Int(sqlite_nio_sqlite3_column_bytes(statement, column)))))
            default: .null
            }
        }
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw failure(code) }
    }

    private func failure(_ code: Int32) -> SQLiteWriteError {
        SQLiteWriteError(code: code, message: sqlite_nio_sqlite3_errmsg(handle).map { String(cString: $0) } ?? "")
    }
}

/// A statement the write connection could not run, with SQLite's own words.
struct SQLiteWriteError: Error, DatabaseError, CustomStringConvertible {
    let code: Int32
    let message: String

    var description: String { "SQLite error \(code): \(message)" }
    var isSyntaxError: Bool { code & 0xff == SQLITE_ERROR }
    var isConstraintFailure: Bool { code & 0xff == SQLITE_CONSTRAINT }
    var isConnectionClosed: Bool { code & 0xff == SQLITE_MISUSE }
}
