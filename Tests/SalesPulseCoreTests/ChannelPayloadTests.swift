import Foundation
import SalesPulseCore
import Testing

/// Channel payloads shaped as the platforms document them.
@Suite struct ChannelPayloadTests {
    @Test func aTelegramUpdateNamesTheSenderAndTheirSharedPhone() throws {
        let text =
            #"{"update_id": 1, "message": {"message_id": 2, "date": 1796457600, "chat": {"id": 42, "type": "private"}, "from": {"id": 42, "is_bot": false, "first_name": "Ines", "last_name": "Duarte"}, "text": "Hi"}}"#
        #expect(
            try ChannelPayload.telegram(Data(text.utf8)) == [
                ChannelMessage(name: "Ines Duarte", phone: nil, sender: "telegram:42", text: "Hi")
            ])
        let contact =
            #"{"update_id": 3, "message": {"message_id": 4, "date": 1796457600, "chat": {"id": 42, "type": "private"}, "from": {"id": 42, "is_bot": false, "first_name": "Ines"}, "contact": {"phone_number": "351912345678", "first_name": "Ines", "user_id": 42}}}"#
        #expect(try ChannelPayload.telegram(Data(contact.utf8)).first?.phone == "+351912345678")
        #expect(try ChannelPayload.telegram(Data(#"{"update_id": 5, "my_chat_member": {}}"#.utf8)).isEmpty)
        #expect(throws: ChannelPayload.Unreadable.self) { try ChannelPayload.telegram(Data(#"{"hello": 1}"#.utf8)) }
    }

    @Test func aWhatsappNotificationCarriesEachTextMessageAndSkipsReceipts() throws {
        let text =
            #"{"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"value": {"messaging_product": "whatsapp", "contacts": [{"profile": {"name": "Kerry Fisher"}, "wa_id": "16315551181"}], "messages": [{"from": "16315551181", "id": "wamid.1", "timestamp": "1796457600", "text": {"body": "Hello"}, "type": "text"}]}, "field": "messages"}]}]}"#
        #expect(
            try ChannelPayload.whatsapp(Data(text.utf8)) == [
                ChannelMessage(
                    name: "Kerry Fisher", phone: "+16315551181", sender: "whatsapp:16315551181", text: "Hello")
            ])
        let receipt =
            #"{"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"value": {"messaging_product": "whatsapp", "statuses": [{"id": "wamid.1", "status": "delivered"}]}, "field": "messages"}]}]}"#
        #expect(try ChannelPayload.whatsapp(Data(receipt.utf8)).isEmpty)
        #expect(throws: ChannelPayload.Unreadable.self) {
            try ChannelPayload.whatsapp(Data(#"{"object": "page"}"#.utf8))
        }
    }

    @Test func aTrackedCallNeedsTheCallerAndKeepsItsDetails() throws {
        let text =
            #"{"caller": "+44 7700 900123", "called": "+44 20 7946 0000", "start": "2026-12-05T09:30:00Z", "duration": 125, "recording_url": "https://calls.example/r/1", "campaign": "Winter"}"#
        let call = try #require(try ChannelPayload.trackedCall(Data(text.utf8)).first)
        #expect(call.phone == "+44 7700 900123")
        #expect(
            call.call?.durationSeconds == 125 && call.call?.campaign == "Winter"
                && call.call?.startedAt == ISO8601DateFormatter().date(from: "2026-12-05T09:30:00Z"))
        #expect(throws: ChannelPayload.Unreadable.self) {
            try ChannelPayload.trackedCall(Data(#"{"duration": 5}"#.utf8))
        }
    }

    @Test func aLeadAdsNotificationNamesItsLeadsAndTheGraphLeadBecomesAPerson() throws {
        let notification =
            #"{"object": "page", "entry": [{"id": "153125381133", "time": 1796457600, "changes": [{"field": "leadgen", "value": {"ad_id": "444444444", "form_id": "444444444444", "leadgen_id": "444444444444", "created_time": 1796457600, "page_id": "444444444444", "adgroup_id": "44444444444"}}, {"field": "feed", "value": {"item": "post"}}]}]}"#
        #expect(try ChannelPayload.leadAdsNotification(Data(notification.utf8)) == ["444444444444"])
        #expect(throws: ChannelPayload.Unreadable.self) {
            try ChannelPayload.leadAdsNotification(Data(#"{"object": "whatsapp_business_account", "entry": []}"#.utf8))
        }

        let lead =
            #"{"created_time": "2026-12-05T08:49:14+0000", "id": "444444444444", "ad_id": "444444444", "form_id": "444444444444", "field_data": [{"name": "car_make", "values": ["Honda"]}, {"name": "full_name", "values": ["Joe Example"]}, {"name": "email", "values": ["Joe@Example.com"]}, {"name": "phone_number", "values": ["+15555550123"]}, {"name": "preferred_days", "values": ["Sat", "Sun"]}]}"#
        #expect(
            try ChannelPayload.leadAdsLead(Data(lead.utf8))
                == ChannelMessage(
                    name: "Joe Example", phone: "+15555550123", email: "joe@example.com", sender: nil,
                    text: "car make: Honda\npreferred days: Sat, Sun"))
        let split =
            #"{"id": "1", "field_data": [{"name": "first_name", "values": ["Ana"]}, {"name": "last_name", "values": ["Lima"]}, {"name": "company_name", "values": ["Lima Lda"]}]}"#
        let person = try ChannelPayload.leadAdsLead(Data(split.utf8))
        #expect(person.name == "Ana Lima" && person.company == "Lima Lda" && person.text == nil)
        #expect(throws: ChannelPayload.Unreadable.self) {
            try ChannelPayload.leadAdsLead(Data(#"{"error": {"message": "Invalid token"}}"#.utf8))
        }
    }

    @Test func aFieldMappingReadsNestedDetailsFromAnObjectOrAList() throws {
        let mapping = try FieldMapping.parse(
            """
            # from the quiz builder
            first_name = contact.first
            last_name = contact.last
            email = contact.emails.0
            phone = contact.phone
            message = answers.goal
            sender = id
            """)
        let one =
            #"{"id": 991, "contact": {"first": "Rita", "last": "Sousa", "emails": ["Rita@Sousa.example", "other@x.example"], "phone": 351912000111}, "answers": {"goal": "Learn Spanish"}}"#
        #expect(
            try mapping.messages(Data(one.utf8), source: "json") == [
                ChannelMessage(
                    name: "Rita Sousa", phone: "351912000111", email: "rita@sousa.example",
                    sender: "json:991", text: "Learn Spanish")
            ])
        let many = #"[{"contact": {"emails": ["a@x.example"]}}, {"contact": {"emails": []}, "id": "z"}]"#
        let people = try mapping.messages(Data(many.utf8), source: "json")
        #expect(people.map(\.email) == ["a@x.example", nil])
        #expect(people.map(\.sender) == [nil, "json:z"])
        #expect(
            mapping.text.hasPrefix("first_name = contact.first\nlast_name = contact.last\nemail = contact.emails.0"))
        #expect(try FieldMapping.parse(mapping.text) == mapping)

        #expect(throws: FieldMapping.Invalid.self) { try FieldMapping.parse("name = full_name") }
        #expect(throws: FieldMapping.Invalid.self) { try FieldMapping.parse("mail: contact.email") }
        #expect(throws: FieldMapping.Invalid.self) { try FieldMapping.parse("email = contact..email") }
        #expect(throws: ChannelPayload.Unreadable.self) {
            try FieldMapping.plain.messages(Data("not json".utf8), source: "json")
        }
        #expect(
            try FieldMapping.plain.messages(Data(#"{"email": "b@x.example", "name": "Bea"}"#.utf8), source: "json")
                .first?.name == "Bea")
    }
}
