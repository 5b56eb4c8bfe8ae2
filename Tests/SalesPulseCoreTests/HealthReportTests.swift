import SalesPulseCore
import Testing

@Suite struct HealthReportTests {
    @Test func aReportReadsAsChecksThenAVerdict() {
        var report = HealthReport()
        report.append(HealthReport.Check(name: "storage", title: "Database file"))
        var links = HealthReport.Check(name: "references", title: "Links between records", advice: "Restore a backup.")
        for index in 1...7 { links.add(2, "table \(index)") }
        report.append(links)
        #expect(!report.healthy)
        #expect(report.problemCount == 14)
        #expect(
            report.text == """
                ok       Database file
                PROBLEM  Links between records: 14 problems
                         - table 1
                         - table 2
                         - table 3
                         - table 4
                         - table 5
                         - and 2 more like these
                         Restore a backup.
                14 problems found in 1 of 2 checks.
                """)
    }

    @Test func nothingFoundIsHealthy() {
        var check = HealthReport.Check(name: "copies", title: "Copies")
        check.add(0, "nothing")
        let report = HealthReport(checks: [check])
        #expect(report.healthy)
        #expect(check.details.isEmpty)
        #expect(report.text == "ok       Copies\nThe check passed.")
    }
}
