@testable import App
import Foundation
import SalesML
import SalesPulseCore
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Education centre: groups, rooms, trials and enrolments")
struct EducationTests {
    struct Centre {
        let company: CRMCompany
        let course: String
        let room: String
        let group: String
    }

    /// A course, a room and one group meeting Mon/Wed/Fri 18:00–19:30 in the first half of 2030.
    func centre(_ app: Application, capacity: Int = 10) async throws -> Centre {
        let company = try await CRMCompany.make(app)
        let course = try await company.create(
            .manager, "courses", #"{"name":"English B1","price":480,"lessonMinutes":90,"capacity":\#(capacity)}"#)
        let room = try await company.create(
            .manager, "rooms", #"{"name":"Room Oak","capacity":12,"location":"First floor"}"#)
        let group = try await company.create(
            .manager, "groups",
            #"{"name":"English B1 evening","courseId":"\#(course)","roomId":"\#(room)","days":"mon_wed_fri","startTime":"18:00","firstDay":"2030-01-07","lastDay":"2030-06-28"}"#
        )
        return Centre(company: company, course: course, room: room, group: group)
    }

    @Test func aDoubleBookingIsRefusedNamingTheGroupAndTheFirstClashingDay() async throws {
        try await withTestApp { app in
            let centre = try await centre(app)
            let company = centre.company
            let shown = try await company.call(.manager, .GET, "/api/v1/groups/\(centre.group)").json()
            #expect(shown["endTime"] as? String == "19:30" && shown["capacity"] as? Int == 10, "filled from the course")
            let spelled = try await company.create(
                .manager, "groups",
                #"{"name":"Early","courseId":"\#(centre.course)","roomId":"\#(centre.room)","days":"Fri, Mon","startTime":"7:30","firstDay":"2030-01-07","lastDay":"2030-06-28"}"#
            )
            let early = try await company.call(.manager, .GET, "/api/v1/groups/\(spelled)").json()
            #expect(
                early["days"] as? String == "mon_fri" && early["startTime"] as? String == "07:30"
                    && early["endTime"] as? String == "09:00")

            // given odd calendar days overlapping the evening group at 19:00
            let odd = try await company.call(
                .manager, .POST, "/api/v1/groups",
                #"{"name":"Conversation club","courseId":"\#(centre.course)","roomId":"\#(centre.room)","days":"odd","startTime":"19:00","endTime":"20:00","firstDay":"2030-02-02","lastDay":"2030-03-31"}"#
            )
            #expect(odd.status == .conflict)
            let error = try #require(try odd.json()["error"] as? [String: Any])
            #expect(error["field"] as? String == "roomId")
            let message = try #require(error["message"] as? String)
            #expect(message.contains("English B1 evening") && message.contains("Mon 11 Feb 2030"), "\(message)")

            // Tuesdays and Thursdays, or the same days after the lesson, are free.
            try await company.create(
                .manager, "groups",
                #"{"name":"English B1 Tue Thu","courseId":"\#(centre.course)","roomId":"\#(centre.room)","days":"tue_thu","startTime":"18:00","firstDay":"2030-01-07","lastDay":"2030-06-28"}"#
            )
            try await company.create(
                .manager, "groups",
                #"{"name":"English B1 late","courseId":"\#(centre.course)","roomId":"\#(centre.room)","days":"mon_wed_fri","startTime":"19:30","firstDay":"2030-01-07","lastDay":"2030-06-28"}"#
            )

            // Moving a group onto another's time is refused too.
            let late = try #require(
                try await company.call(.manager, .GET, "/api/v1/groups?q=english%20b1%20late").json()["items"]
                    as? [[String: Any]]
            ).first
            let moved = try await company.call(
                .manager, .PATCH, "/api/v1/groups/\(late?["id"] as? String ?? "")",
                #"{"startTime":"19:00","endTime":"20:30"}"#)
            #expect(moved.status == .conflict)

            // The room's capacity bounds the group's.
            let big = try await company.call(
                .manager, .POST, "/api/v1/groups",
                #"{"name":"Big","courseId":"\#(centre.course)","roomId":"\#(centre.room)","days":"sat","startTime":"10:00","firstDay":"2030-01-07","lastDay":"2030-06-28","capacity":20}"#
            )
            #expect(try big.status == .unprocessableEntity && fieldOf(big) == "capacity")
            let badDays = try await company.call(
                .manager, .POST, "/api/v1/groups",
                #"{"name":"Bad","courseId":"\#(centre.course)","roomId":"\#(centre.room)","days":"someday","startTime":"10:00","firstDay":"2030-01-07","lastDay":"2030-06-28"}"#
            )
            #expect(try badDays.status == .unprocessableEntity && fieldOf(badDays) == "days")

            // The same refusal in the browser, with the form kept.
            let browser = Browser(app)
            try await browser.signIn("manager@example.com")
            try await browser.get("/groups/new")
            let page = try await browser.post(
                "/groups",
                [
                    "name": "Clash from the page", "courseId": centre.course, "roomId": centre.room, "days": "mon",
                    "startTime": "18:30", "endTime": "19:00", "firstDay": "2030-03-04", "lastDay": "2030-03-25",
                    "status": "planned",
                ])
            #expect(page.status == .unprocessableEntity)
            #expect(page.text.contains("English B1 evening") && page.text.contains("Clash from the page"))
        }
    }

    @Test func theDatabaseItselfRefusesTwoBookingsOfOneRoomAtOnce() async throws {
        try await withTestApp { app in
            let centre = try await centre(app)
            // given a second group on other days, then its bookings forced onto the first one's day
            let other = try await centre.company.create(
                .manager, "groups",
                #"{"name":"Saturday","courseId":"\#(centre.course)","roomId":"\#(centre.room)","days":"sat","startTime":"18:00","firstDay":"2030-01-07","lastDay":"2030-06-28"}"#
            )
            await #expect(throws: (any Error).self) {
                try await app.db.writeTransaction { tx in
                    try await tx.sql.raw(
                        """
                        INSERT INTO room_bookings (id, group_id, room_id, day, starts_minute, ends_minute)
                        VALUES (\(bind: UUID()), \(bind: UUID(uuidString: other)!), \(bind: UUID(uuidString: centre.room)!), '2030-01-07', 1080, 1100)
                        """
                    ).run()
                }
            }
            let count = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM room_bookings WHERE day = '2030-01-07'")
                .first()?.decode(column: "n", as: Int.self)
            #expect(count == 1)
        }
    }

    /// Random schedules offered through the API into three rooms: whatever is kept, no two
    /// stored bookings of one room meet on the same day at the same time.
    @Test func randomSchedulesNeverLeaveTwoGroupsInOneRoomAtOnce() async throws {
        try await withTestApp { app in
            let centre = try await centre(app)
            let company = centre.company
            var rooms = [centre.room]
            for n in 2...3 {
                rooms.append(try await company.create(.manager, "rooms", #"{"name":"Room \#(n)","capacity":12}"#))
            }
            var random = SeededRandom(seed: 7)
            let patterns = ["odd", "even", "mon_wed_fri", "tue_thu", "sat", "mon", "wed,sun"]
            var created = 0, refused = 0
            for n in 0..<150 {
                let first = CalendarDay(text: "2030-01-01")!.adding(days: Int(random.next() % 120))
                let last = first.adding(days: 7 + Int(random.next() % 60))
                let start = ClockTime(minutes: 9 * 60 + Int(random.next() % 20) * 30),
                    end = ClockTime(minutes: start.minutes + 30 + Int(random.next() % 4) * 30)
                let body =
                    #"{"name":"Random \#(n)","courseId":"\#(centre.course)","roomId":"\#(rooms[Int(random.next() % 3)])","days":"\#(patterns[Int(random.next() % 7)])","startTime":"\#(start)","endTime":"\#(end)","firstDay":"\#(first)","lastDay":"\#(last)"}"#
                let response = try await company.call(.manager, .POST, "/api/v1/groups", body)
                if response.status == .created {
                    created += 1
                } else if response.status == .conflict {
                    refused += 1
                } else {
                    Issue.record("\(response.status): \(response.text)")
                }
            }
            #expect(created > 20 && refused > 20, "\(created) kept, \(refused) refused")
            let clashes = try await app.db.sql.raw(
                """
                SELECT COUNT(*) AS n FROM room_bookings a JOIN room_bookings b ON a.room_id = b.room_id AND a.day = b.day AND a.group_id < b.group_id
                  AND a.starts_minute < b.ends_minute AND b.starts_minute < a.ends_minute
                """
            ).first()?.decode(column: "n", as: Int.self)
            #expect(clashes == 0)
        }
    }

    @Test func twoConflictingGroupsCreatedAtOnceLetExactlyOneThrough() async throws {
        try await withTestApp { app in
            let centre = try await centre(app)
            let company = centre.company
            for round in 0..<3 {
                let common =
                    #""courseId":"\#(centre.course)","roomId":"\#(centre.room)","days":"sun","startTime":"\#(8 + 3 * round):00","firstDay":"2030-01-07","lastDay":"2030-06-28"}"#
                let bodyA = #"{"name":"Sunday A\#(round)","# + common, bodyB = #"{"name":"Sunday B\#(round)","# + common
                async let first = company.call(.manager, .POST, "/api/v1/groups", bodyA)
                async let second = company.call(.admin, .POST, "/api/v1/groups", bodyB)
                let statuses = [try await first.status, try await second.status]
                #expect(
                    statuses.filter { $0 == .created }.count == 1 && statuses.filter { $0 == .conflict }.count == 1,
                    "\(statuses)")
            }
            let rows = try await app.db.sql.raw("SELECT COUNT(*) AS n FROM course_groups WHERE days = 'sun'").first()?
                .decode(column: "n", as: Int.self)
            #expect(rows == 3)
        }
    }

    @Test func aGroupNeverTakesMoreStudentsThanItsCapacity() async throws {
        try await withTestApp { app in
            let centre = try await centre(app, capacity: 2)
            let company = centre.company
            var contacts: [String] = []
            for n in 1...3 {
                contacts.append(
                    try await company.create(
                        .repA, "contacts", try await company.sampleBody("contacts", ownedBy: .repA, n)))
            }
            let first = try await company.create(
                .repA, "enrolments", #"{"contactId":"\#(contacts[0])","groupId":"\#(centre.group)"}"#)
            let enrolled = try await company.call(.repA, .GET, "/api/v1/enrolments/\(first)").json()
            #expect(
                enrolled["price"] as? Double == 480 && enrolled["startsOn"] as? String == "2030-01-07",
                "course price and first day")
            try await company.create(
                .repA, "enrolments", #"{"contactId":"\#(contacts[1])","groupId":"\#(centre.group)"}"#)
            let third = try await company.call(
                .repA, .POST, "/api/v1/enrolments", #"{"contactId":"\#(contacts[2])","groupId":"\#(centre.group)"}"#)
            #expect(third.status == .conflict && third.text.contains("is full (2 of 2)"))
            #expect(
                try await company.call(.manager, .GET, "/api/v1/groups/\(centre.group)").json()["students"] as? Int == 2
            )
            // A cancelled enrolment frees its seat.
            #expect(
                try await company.call(.repA, .PATCH, "/api/v1/enrolments/\(first)", #"{"status":"cancelled"}"#).status
                    == .ok)
            try await company.create(
                .repA, "enrolments", #"{"contactId":"\#(contacts[2])","groupId":"\#(centre.group)"}"#)
            #expect(
                try await company.call(.manager, .GET, "/api/v1/groups/\(centre.group)").json()["students"] as? Int == 2
            )
            // A group's capacity cannot drop under its students; a contact in a group cannot be deleted.
            #expect(
                try await company.call(.manager, .PATCH, "/api/v1/groups/\(centre.group)", #"{"capacity":1}"#).status
                    == .unprocessableEntity)
            #expect(try await company.call(.repA, .DELETE, "/api/v1/contacts/\(contacts[1])").status == .conflict)
        }
    }

    @Test func aTrialRemindsOnceThenAsksForItsResultAndAcceptanceEnrolsTheStudent() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let course = try await company.create(
                .manager, "courses", #"{"name":"Spanish A1","price":360,"lessonMinutes":60,"capacity":8}"#)
            let room = try await company.create(.manager, "rooms", #"{"name":"Room Elm","capacity":10}"#)
            let tomorrow = CalendarDay(containing: app.clock.now()).adding(days: 1)
            let group = try await company.create(
                .manager, "groups",
                #"{"name":"Spanish A1 daily","courseId":"\#(course)","roomId":"\#(room)","days":"mon,tue,wed,thu,fri,sat,sun","startTime":"10:00","firstDay":"\#(tomorrow.text)","lastDay":"\#(tomorrow.adding(days: 60).text)"}"#
            )
            let lead = try await company.create(
                .repA, "leads", #"{"name":"Lucia Mendez","email":"lucia@example.com","source":"website"}"#)

            // A start outside the lesson is refused; the day alone takes the group's start time.
            let outside = try await company.call(
                .repA, .POST, "/api/v1/trial-lessons",
                #"{"leadId":"\#(lead)","groupId":"\#(group)","startsAt":"\#(tomorrow.text)T12:00:00Z"}"#)
            #expect(try outside.status == .unprocessableEntity && fieldOf(outside) == "startsAt")
            let before = try await company.call(
                .repA, .POST, "/api/v1/trial-lessons",
                #"{"leadId":"\#(lead)","groupId":"\#(group)","lessonDay":"\#(tomorrow.adding(days: -1).text)"}"#)
            #expect(before.status == .unprocessableEntity && before.text.contains("has no lesson"))
            let trial = try await company.create(
                .repA, "trial-lessons", #"{"leadId":"\#(lead)","groupId":"\#(group)","lessonDay":"\#(tomorrow.text)"}"#)
            let created = try await company.call(.repA, .GET, "/api/v1/trial-lessons/\(trial)").json()
            #expect(
                created["startsAt"] as? String == "\(tomorrow.text)T10:00:00.000Z"
                    && created["endsAt"] as? String == "\(tomorrow.text)T11:00:00.000Z")
            #expect(created["ownerId"] as? String == (try company.id(.repA)), "the lead's owner")
            #expect(try await company.call(.repB, .GET, "/api/v1/trial-lessons/\(trial)").status == .notFound)
            #expect(
                try await company.call(
                    .viewer, .POST, "/api/v1/trial-lessons",
                    #"{"leadId":"\#(lead)","groupId":"\#(group)","lessonDay":"\#(tomorrow.text)"}"#
                ).status == .forbidden)

            // Two hours before: one notification to the owner and one email to the lead with the invitation.
            let startsAt = try #require(InternetTime.parse(created["startsAt"] as? String ?? ""))
            let reminders = { TrialReminders(app: app, now: app.clock.now()) }
            #expect(try await reminders().scan() == 0)
            app.clock.advance(by: startsAt.timeIntervalSince(app.clock.now()) - 2 * 3_600 + 1)
            #expect(try await reminders().scan() == 1)
            #expect(try await reminders().scan() == 0)
            let mail = try await outbox(app)
            #expect(Set(mail.map(\.to_address)) == ["repa@example.com", "lucia@example.com"])
            #expect(try await runDueJobs(app) >= 2)
            let delivered = try #require(app.devMailbox).entries()
            let toLead = try #require(delivered.first { $0.to == "lucia@example.com" })
            #expect(toLead.subject.contains("Spanish A1"))
            #expect(
                try String(
                    contentsOf: try #require(app.devMailbox).directory.appendingPathComponent(toLead.file),
                    encoding: .utf8
                ).contains("trial-lesson.ics"))

            // Three minutes after the end: one task to record the result.
            app.clock.advance(by: 3 * 3_600 + 3 * 60)
            #expect(try await reminders().scan() == 1)
            #expect(try await reminders().scan() == 0)
            let tasks = try #require(
                try await company.call(.repA, .GET, "/api/v1/tasks?q=record").json()["items"] as? [[String: Any]])
            #expect(tasks.count == 1 && tasks.first?["leadId"] as? String == lead)

            // Accepted before attended is refused; attended and accepted enrols, converts and sells.
            #expect(
                try await company.call(.repA, .PATCH, "/api/v1/trial-lessons/\(trial)", #"{"result":"accepted"}"#)
                    .status == .unprocessableEntity)
            let accepted = try await company.call(
                .repA, .PATCH, "/api/v1/trial-lessons/\(trial)", #"{"status":"attended","result":"accepted"}"#)
            #expect(accepted.status == .ok, "\(accepted.text)")
            let enrolmentID = try #require(try accepted.json()["enrolmentId"] as? String)
            let enrolment = try await company.call(.repA, .GET, "/api/v1/enrolments/\(enrolmentID)").json()
            #expect(
                enrolment["groupId"] as? String == group && enrolment["price"] as? Double == 360
                    && enrolment["status"] as? String == "active")
            let converted = try await company.call(.repA, .GET, "/api/v1/leads/\(lead)").json()
            #expect(
                converted["status"] as? String == "converted"
                    && converted["convertedContactId"] as? String == enrolment["contactId"] as? String)
            let sales = try #require(
                try await company.call(.repA, .GET, "/api/v1/sales").json()["items"] as? [[String: Any]])
            #expect(sales.count == 1 && sales.first?["amount"] as? Double == 360)
            #expect(try await company.call(.manager, .GET, "/api/v1/groups/\(group)").json()["students"] as? Int == 1)
            #expect(
                try await company.call(
                    .repA, .PATCH, "/api/v1/trial-lessons/\(trial)", #"{"result":"rejected","lostReason":"Too dear"}"#
                ).status == .unprocessableEntity)

            // The daily roll-ups count the trial, the offer and the enrolment, per rep and per source,
            // exactly as a rebuild from scratch would.
            let differences = try await rollupDifferencesFromRebuild(app)
            #expect(differences.isEmpty, "\(differences)")
            let reps = try #require(
                try await company.call(
                    .manager, .GET,
                    "/api/v1/analytics/rollups?by=rep&from=\(tomorrow.adding(days: -1).text)&to=\(tomorrow.text)"
                ).json()["items"] as? [[String: Any]])
            let day = reps.filter {
                $0["day"] as? String == tomorrow.text && $0["repId"] as? String == (try? company.id(.repA))
            }
            #expect(
                day.first?["trialsScheduled"] as? Int == 1 && day.first?["trialsAttended"] as? Int == 1
                    && day.first?["offers"] as? Int == 1, "\(reps)")
            let bySource = try await company.call(
                .admin, .GET,
                "/api/v1/analytics/rollups?by=source&from=\(tomorrow.adding(days: -30).text)&to=\(tomorrow.text)")
            let sources = try #require(try bySource.json()["items"] as? [[String: Any]], "\(bySource.text)")
            #expect(
                sources.filter { $0["source"] as? String == "website" }.reduce(0) {
                    $0 + ($1["enrolments"] as? Int ?? 0)
                } == 1, "\(sources)")

            // The lead-source dashboard counts the enrolment, and its tile opens exactly that enrolment.
            let admin = Browser(app)
            try await admin.signIn("admin@example.com")
            let dashboard = try await admin.get("/dashboards/sources").text
            #expect(dashboard.contains("Enrolments from leads") && dashboard.contains("Cost per enrolment"))
            let href = try #require(
                dashboard.range(of: #"href="/enrolments\?[^"]*""#, options: .regularExpression).map {
                    String(dashboard[$0])
                })
            let query = href.dropFirst(#"href="/enrolments?"#.count).dropLast().replacingOccurrences(
                of: "&amp;", with: "&")
            let behind = try await company.call(.admin, .GET, "/api/v1/enrolments?\(query)")
            #expect((try behind.json()["items"] as? [Any])?.count == 1, "\(behind.text)")

            // The pages show the same: the trial with its enrolment, the group at 1 of 8, the lesson on the timetable.
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            for path in [
                "/trial-lessons", "/trial-lessons/\(trial)", "/enrolments", "/enrolments/\(enrolmentID)",
                "/groups/\(group)",
            ] {
                let page = try await browser.get(path)
                #expect(page.status == .ok, "\(path)")
                #expect(page.text.contains("Lucia Mendez") || page.text.contains("Spanish A1 daily"), "\(path)")
            }
            #expect(try await browser.get("/leads/\(lead)").text.contains(#"tone-converted">Enrolled"#))
            let school = try await browser.get("/school")
            #expect(
                school.status == .ok && school.text.contains("Spanish A1 daily") && school.text.contains("1 of 8 (13%)")
            )
            // A rep sees the centre's seats but opens only their own rows, so the counts carry no links for them.
            #expect(!school.text.contains("/enrolments?groupId="))
            let adminSchool = try await admin.get("/school").text
            #expect(adminSchool.contains("/enrolments?groupId=\(group)"))
            let week = try await browser.get("/timetable?week=\(tomorrow.text)")
            #expect(week.status == .ok && week.text.contains("10:00–11:00") && week.text.contains("1 trial"))
            #expect(try await browser.get("/timetable?week=soon").status == .unprocessableEntity)
        }
    }

    @Test func aRejectedTrialNeedsAReasonAndClosesTheLead() async throws {
        try await withTestApp { app in
            let centre = try await centre(app)
            let company = centre.company
            let lead = try await company.create(.repA, "leads", #"{"name":"Tom Baker","source":"referral"}"#)
            let trial = try await company.create(
                .repA, "trial-lessons",
                #"{"leadId":"\#(lead)","groupId":"\#(centre.group)","startsAt":"2030-01-09T18:30:00Z"}"#)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/trial-lessons/\(trial)").json()["lessonDay"] as? String
                    == "2030-01-09")
            let noReason = try await company.call(
                .repA, .PATCH, "/api/v1/trial-lessons/\(trial)", #"{"status":"attended","result":"rejected"}"#)
            #expect(try noReason.status == .unprocessableEntity && fieldOf(noReason) == "lostReason")
            #expect(
                try await company.call(
                    .repA, .PATCH, "/api/v1/trial-lessons/\(trial)",
                    #"{"status":"attended","result":"rejected","lostReason":"Times do not suit"}"#
                ).status == .ok)
            let closed = try await company.call(.repA, .GET, "/api/v1/leads/\(lead)").json()
            #expect(closed["status"] as? String == "lost" && closed["lostReason"] as? String == "Times do not suit")
            // A closed day is no lesson day.
            try await company.create(.manager, "closed-days", #"{"day":"2030-01-11","name":"Founders' day"}"#)
            let other = try await company.create(.repA, "leads", #"{"name":"Ann Lee","source":"referral"}"#)
            let closedDay = try await company.call(
                .repA, .POST, "/api/v1/trial-lessons",
                #"{"leadId":"\#(other)","groupId":"\#(centre.group)","lessonDay":"2030-01-11"}"#)
            #expect(closedDay.status == .unprocessableEntity && closedDay.text.contains("Mon 14 Jan 2030"))
        }
    }

    @Test func theGroupsFiguresAgreeWithTheRecordsBehindThemAndAdviseANewGroup() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let course = try await company.create(
                .manager, "courses", #"{"name":"French A1","price":300,"lessonMinutes":60,"capacity":2}"#)
            let room = try await company.create(.manager, "rooms", #"{"name":"Room Pine","capacity":4}"#)
            let today = CalendarDay(containing: app.clock.now())
            let group = try await company.create(
                .manager, "groups",
                #"{"name":"French A1 daily","courseId":"\#(course)","roomId":"\#(room)","days":"mon,tue,wed,thu,fri,sat,sun","startTime":"08:00","firstDay":"\#(today.adding(days: -7).text)","lastDay":"\#(today.adding(days: 90).text)"}"#
            )
            for n in 1...2 {
                let contact = try await company.create(
                    .repA, "contacts", try await company.sampleBody("contacts", ownedBy: .repA, n))
                try await company.create(.repA, "enrolments", #"{"contactId":"\#(contact)","groupId":"\#(group)"}"#)
            }
            for n in 1...3 {
                let lead = try await company.create(.repA, "leads", #"{"name":"Student \#(n)","source":"website"}"#)
                try await company.create(
                    .repA, "trial-lessons",
                    #"{"leadId":"\#(lead)","groupId":"\#(group)","lessonDay":"\#(today.adding(days: n).text)"}"#)
            }
            let overview = try await company.call(.viewer, .GET, "/api/v1/school/groups").json()
            let line = try #require((overview["groups"] as? [[String: Any]])?.first)
            #expect(
                line["students"] as? Int == 2 && line["full"] as? Bool == true && line["band"] as? String == "red"
                    && line["trialStudents"] as? Int == 3)
            let seated =
                try await company.call(.admin, .GET, "/api/v1/enrolments?groupId=\(group)&status=active,paused").json()[
                    "items"] as? [Any]
            let booked =
                try await company.call(
                    .admin, .GET,
                    "/api/v1/trial-lessons?groupId=\(group)&status=scheduled&startsAtFrom=\(overview["upcomingFrom"] as? String ?? "")"
                ).json()["items"] as? [Any]
            #expect(seated?.count == 2 && booked?.count == 3, "the page's links open exactly the records counted")
            let totals = try #require(overview["totals"] as? [String: Any])
            #expect(
                totals["full"] as? Int == 1 && totals["trialStudents"] as? Int == 3 && totals["students"] as? Int == 2)
            let advice = try #require(overview["advice"] as? [String])
            #expect(
                advice.count == 1 && advice[0].contains("Open a new group of French A1")
                    && advice[0].contains("3 trial students are waiting"))
            let timetable = try await company.call(
                .repB, .GET, "/api/v1/school/timetable?week=\(today.adding(days: 1).text)&by=teacher")
            #expect(try timetable.status == .ok && timetable.json()["by"] as? String == "teacher")
            #expect(
                try await company.call(.repB, .GET, "/api/v1/school/timetable?by=floor").status == .unprocessableEntity)
        }
    }

    @Test func trialsShowInMyDayTheCalendarFeedAndAsACalendarFile() async throws {
        try await withTestApp { app in
            let company = try await CRMCompany.make(app)
            let course = try await company.create(
                .manager, "courses", #"{"name":"German A2","price":410,"lessonMinutes":90,"capacity":8}"#)
            let room = try await company.create(.manager, "rooms", #"{"name":"Room Ash","capacity":8}"#)
            let today = CalendarDay(containing: app.clock.now())
            let group = try await company.create(
                .manager, "groups",
                #"{"name":"German A2 daily","courseId":"\#(course)","roomId":"\#(room)","days":"mon,tue,wed,thu,fri,sat,sun","startTime":"07:00","firstDay":"\#(today.adding(days: -3).text)","lastDay":"\#(today.adding(days: 30).text)"}"#
            )
            let held = try await company.create(.repA, "leads", #"{"name":"Greta Held","source":"website"}"#)
            let coming = try await company.create(.repA, "leads", #"{"name":"Otto Coming","source":"website"}"#)
            let past = try await company.create(
                .repA, "trial-lessons",
                #"{"leadId":"\#(held)","groupId":"\#(group)","lessonDay":"\#(today.adding(days: -1).text)"}"#)
            let next = try await company.create(
                .repA, "trial-lessons",
                #"{"leadId":"\#(coming)","groupId":"\#(group)","lessonDay":"\#(today.adding(days: 2).text)"}"#)

            let rep = Browser(app)
            try await rep.signIn("repa@example.com")
            let day = try await rep.get("/my-day").text
            #expect(day.contains("Trial lesson: Greta Held") && day.contains("record the result"))
            #expect(!day.contains("Otto Coming"), "not today")
            // The lead's page, the leads list and the board say a trial is booked.
            #expect(try await rep.get("/leads/\(coming)").text.contains(#"tone-new">Trial "#))
            #expect(try await rep.get("/leads?q=otto").text.contains(#"tone-new">Trial "#))
            #expect(try await rep.get("/leads/board").text.contains(#"tone-new">Trial "#))

            let file = try await rep.get("/trial-lessons/\(next)/calendar.ics")
            #expect(
                file.status == .ok && file.text.contains("SUMMARY:Trial lesson: Otto Coming")
                    && file.text.contains(
                        "\(today.adding(days: 2).text.replacingOccurrences(of: "-", with: ""))T070000Z")
            )
            #expect(try await rep.get("/trial-lessons/\(next)").text.contains("/trial-lessons/\(next)/calendar.ics"))
            let other = Browser(app)
            try await other.signIn("repb@example.com")
            #expect(try await other.get("/trial-lessons/\(next)/calendar.ics").status == .notFound)

            // The agenda API says what each trial's time means now; others' trials stay hidden.
            let agenda = try #require(
                try await company.call(
                    .repA, .GET,
                    "/api/v1/school/trials?from=\(today.adding(days: -1).text)&to=\(today.adding(days: 2).text)"
                ).json()["items"] as? [[String: Any]])
            #expect(agenda.count == 2)
            let heldTrial = agenda.first { $0["lead"] as? String == "Greta Held" },
                soonTrial = agenda.first { $0["lead"] as? String == "Otto Coming" }
            #expect(heldTrial?["isOverdue"] as? Bool == true)
            #expect(soonTrial?["isOverdue"] as? Bool == false && (soonTrial?["hoursUntil"] as? Int ?? 0) > 0)
            #expect(
                (try await company.call(.repB, .GET, "/api/v1/school/trials?from=\(today.adding(days: -1).text)")
                    .json()["items"] as? [Any])?.isEmpty == true)
            #expect(
                try await company.call(.repA, .GET, "/api/v1/school/trials?from=yesterday").status
                    == .unprocessableEntity)
            #expect(try await rep.get("/trial-lessons/\(past)").text.contains("Result not recorded"))

            let user = company.users[.repA]!
            user.calendarToken = "repa-feed-secret"
            try await user.save(on: app.db)
            let feed = try await app.testing().sendRequest(.GET, "/calendar/repa-feed-secret.ics").text
            #expect(feed.contains("trial-\(next)@salespulse") && feed.contains("trial-\(past)@salespulse"))
        }
    }

    @Test func aTeacherInTwoGroupsAtOnceIsRefusedUnlessTheAdminAllowsIt() async throws {
        try await withTestApp { app in
            let centre = try await centre(app)
            let company = centre.company
            try await company.create(
                .manager, "groups",
                #"{"name":"Morning","courseId":"\#(centre.course)","roomId":"\#(centre.room)","teacherName":"Ana Silva","days":"tue_thu","startTime":"09:00","firstDay":"2030-01-07","lastDay":"2030-06-28"}"#
            )
            let otherRoom = try await company.create(.manager, "rooms", #"{"name":"Room Birch","capacity":10}"#)
            let body =
                #"{"name":"Morning two","courseId":"\#(centre.course)","roomId":"\#(otherRoom)","teacherName":"ana silva","days":"thu","startTime":"10:00","firstDay":"2030-01-07","lastDay":"2030-06-28"}"#
            let refused = try await company.call(.manager, .POST, "/api/v1/groups", body)
            #expect(
                try refused.status == .unprocessableEntity && fieldOf(refused) == "teacherName"
                    && refused.text.contains("Thu 10 Jan 2030"))
            #expect(
                try await company.call(.manager, .PATCH, "/api/v1/settings", #"{"teacherClash":"warn"}"#).status
                    == .forbidden)
            #expect(
                try await company.call(.admin, .PATCH, "/api/v1/settings", #"{"teacherClash":"sometimes"}"#).status
                    == .unprocessableEntity)
            let allowed = try await company.call(.admin, .PATCH, "/api/v1/settings", #"{"teacherClash":"warn"}"#)
            #expect(try allowed.status == .ok && allowed.json()["teacherClash"] as? String == "warn")
            try await company.create(.manager, "groups", body)

            // An open lead's page offers a trial lesson once the centre runs groups.
            let lead = try await company.create(.repA, "leads", #"{"name":"Nina Ross","source":"website"}"#)
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            #expect(try await browser.get("/leads/\(lead)").text.contains("/trial-lessons/new?leadId=\(lead)"))
        }
    }

    @Test func trialStepsMoveTheLeadAsTheCentreMapsThem() async throws {
        try await withTestApp { app in
            let centre = try await centre(app)
            let company = centre.company
            let status = { (lead: String) in
                try await company.call(.repA, .GET, "/api/v1/leads/\(lead)").json()["status"] as? String
            }
            let lead = try await company.create(.repA, "leads", #"{"name":"Step One","source":"website"}"#)
            let trial = try await company.create(
                .repA, "trial-lessons", #"{"leadId":"\#(lead)","groupId":"\#(centre.group)","lessonDay":"2030-01-09"}"#)
            #expect(try await status(lead) == "contacted", "a booked trial: contacted")
            #expect(
                try await company.call(.repA, .PATCH, "/api/v1/trial-lessons/\(trial)", #"{"status":"attended"}"#)
                    .status == .ok)
            #expect(try await status(lead) == "qualified", "attended: qualified")

            // The admin maps booking to nothing: a new lead with a trial stays new.
            #expect(
                try await company.call(
                    .manager, .PATCH, "/api/v1/settings", #"{"schoolSteps":{"trial_scheduled":"none"}}"#
                ).status == .forbidden)
            let refused = try await company.call(
                .admin, .PATCH, "/api/v1/settings", #"{"schoolSteps":{"trial_scheduled":"converted"}}"#)
            #expect(try refused.status == .unprocessableEntity && fieldOf(refused) == "schoolSteps.trial_scheduled")
            let saved = try await company.call(
                .admin, .PATCH, "/api/v1/settings",
                #"{"schoolSteps":{"trial_scheduled":"none","trial_attended":"qualified","offer_made":"qualified"}}"#)
            #expect(try (saved.json()["schoolSteps"] as? [String: String])?["trial_scheduled"] == "none")
            let other = try await company.create(.repA, "leads", #"{"name":"Step Two","source":"website"}"#)
            try await company.create(
                .repA, "trial-lessons", #"{"leadId":"\#(other)","groupId":"\#(centre.group)","lessonDay":"2030-01-11"}"#
            )
            #expect(try await status(other) == "new")

            // The same setting on the admin's page.
            let browser = Browser(app)
            try await browser.signIn("admin@example.com")
            let page = try await browser.get("/admin/settings")
            #expect(page.text.contains("School steps on leads"))
            #expect(
                try await browser.post(
                    "/admin/settings",
                    [
                        "step_trial_scheduled": "contacted", "step_trial_attended": "none",
                        "step_offer_made": "qualified", "timeZone": "UTC",
                    ]
                ).status == .seeOther)
            #expect(
                try await company.call(.admin, .GET, "/api/v1/settings").json()["schoolSteps"] as? [String: String] == [
                    "trial_scheduled": "contacted", "trial_attended": "none", "offer_made": "qualified",
                ])
        }
    }

    @Test func lessonsKeepTheCentresWallClockWhenTheClocksChange() async throws {
        try await withTestApp { app in
            let centre = try await centre(app)
            let company = centre.company
            #expect(
                try await company.call(.admin, .PATCH, "/api/v1/settings", #"{"timeZone":"Europe/Berlin"}"#).status
                    == .ok)
            let daily = try await company.create(
                .manager, "groups",
                #"{"name":"Sunday","courseId":"\#(centre.course)","roomId":"\#(centre.room)","days":"sun","startTime":"18:00","firstDay":"2030-03-01","lastDay":"2030-04-30"}"#
            )
            for (day, start) in [
                ("2030-03-24", "2030-03-24T17:00:00.000Z"), ("2030-03-31", "2030-03-31T16:00:00.000Z"),
            ] {
                let lead = try await company.create(.repA, "leads", #"{"name":"Clock \#(day)","source":"website"}"#)
                let trial = try await company.create(
                    .repA, "trial-lessons", #"{"leadId":"\#(lead)","groupId":"\#(daily)","lessonDay":"\#(day)"}"#)
                #expect(
                    try await company.call(.repA, .GET, "/api/v1/trial-lessons/\(trial)").json()["startsAt"] as? String
                        == start, "18:00 in Berlin on \(day)")
            }
            let nowhere = try await company.call(
                .manager, .POST, "/api/v1/groups",
                #"{"name":"Nowhere","courseId":"\#(centre.course)","roomId":"\#(UUID())","days":"sat","startTime":"10:00","firstDay":"2030-01-07","lastDay":"2030-06-28"}"#
            )
            #expect(try nowhere.status == .unprocessableEntity && fieldOf(nowhere) == "roomId")
        }
    }

    @Test func onlyManagersAndAdminsSetUpTheCentre() async throws {
        try await withTestApp { app in
            let centre = try await centre(app)
            let company = centre.company
            for person in [CRMCompany.Person.repA, .viewer] {
                #expect(
                    try await company.call(person, .POST, "/api/v1/courses", #"{"name":"Nope","price":1}"#).status
                        == .forbidden)
                #expect(
                    try await company.call(person, .POST, "/api/v1/rooms", #"{"name":"Nope","capacity":3}"#).status
                        == .forbidden)
                #expect(
                    try await company.call(person, .PATCH, "/api/v1/groups/\(centre.group)", #"{"capacity":3}"#).status
                        == .forbidden)
                #expect(try await company.call(person, .GET, "/api/v1/groups/\(centre.group)").status == .ok)
            }
            let browser = Browser(app)
            try await browser.signIn("repa@example.com")
            try await browser.get("/rooms")
            #expect(try await browser.post("/rooms", ["name": "From a rep", "capacity": "4"]).status == .forbidden)
            #expect(try await browser.get("/groups/new").status == .forbidden)
        }
    }

    @Test func deletedLeadsAndDealsLeaveNoCountsOrLinksBehind() async throws {
        try await withTestApp { app in
            // given a lead booked on a trial, a lead whose enrolment came from it, and a lead
            // converted into a deal
            let centre = try await centre(app)
            let company = centre.company
            let booked = try await company.create(.repA, "leads", #"{"name":"Ada Novak","source":"website"}"#)
            let trial = try await company.create(
                .repA, "trial-lessons",
                #"{"leadId":"\#(booked)","groupId":"\#(centre.group)","lessonDay":"2030-01-07"}"#)
            let enrolled = try await company.create(.repA, "leads", #"{"name":"Ben Okafor","source":"referral"}"#)
            let contact = try await company.create(.repA, "contacts", #"{"name":"Ben Okafor"}"#)
            let enrolment = try await company.create(
                .repA, "enrolments",
                #"{"contactId":"\#(contact)","groupId":"\#(centre.group)","leadId":"\#(enrolled)"}"#)
            let sold = try await company.create(.repA, "leads", #"{"name":"Cleo Marsh","company":"Marsh Ltd"}"#)
            let conversion = try await company.call(
                .repA, .POST, "/api/v1/leads/\(sold)/convert", #"{"opportunity":{"name":"Marsh deal","amount":900}}"#)
            let deal = try #require(((try conversion.json())["opportunity"] as? [String: Any])?["id"] as? String)

            // when the two school leads and the deal are deleted
            for path in ["/api/v1/leads/\(booked)", "/api/v1/leads/\(enrolled)", "/api/v1/opportunities/\(deal)"] {
                let deleted = try await company.call(.admin, .DELETE, path)
                #expect(deleted.status == .noContent, "\(path): \(deleted.text)")
            }

            // then the trial went with its lead, the enrolment stays without it, the converted lead
            // no longer points at the deal, and the roll-ups equal a rebuild
            #expect(try await company.call(.admin, .GET, "/api/v1/trial-lessons/\(trial)").status == .notFound)
            let kept = try await company.call(.admin, .GET, "/api/v1/enrolments/\(enrolment)").json()
            #expect(kept["leadId"] is NSNull)
            let lead = try await company.call(.admin, .GET, "/api/v1/leads/\(sold)").json()
            #expect(lead["convertedOpportunityId"] is NSNull && lead["status"] as? String == "converted")
            let differences = try await rollupDifferencesFromRebuild(app)
            #expect(differences.isEmpty, "\(differences)")
            let report = try await DatabaseDoctor(db: app.db, now: app.clock.now()).examine()
            #expect(report.checks.first { $0.name == "references" }?.healthy == true, "\(report.checks)")
        }
    }

    @Test func theCentresClockKeepsWallTimesAcrossClockChangesAndFarDates() throws {
        let clock = LessonClock(zone: try #require(TimeZone(identifier: "Europe/Berlin")))
        // 18:00 in Berlin is 17:00 UTC in winter and 16:00 UTC on the day summer time starts
        let winter = clock.instant(
            try #require(CalendarDay(text: "2026-03-28")), try #require(ClockTime(text: "18:00")))
        let summer = clock.instant(
            try #require(CalendarDay(text: "2026-03-29")), try #require(ClockTime(text: "18:00")))
        #expect(InternetTime.format(winter) == "2026-03-28T17:00:00.000Z")
        #expect(InternetTime.format(summer) == "2026-03-29T16:00:00.000Z")
        #expect(clock.local(summer).minutes == 18 * 60 && clock.local(summer).day.text == "2026-03-29")
        // an instant typed at the end of year 9999 is on the centre's clock too, not a crash
        let far = try #require(InternetTime.parse("9999-12-31T23:30:00Z"))
        #expect(clock.local(far).minutes == 30)
    }

}

/// The field an API error blames.
func fieldOf(_ response: TestingHTTPResponse) throws -> String? {
    (try response.json()["error"] as? [String: Any])?["field"] as? String
}
