import Foundation
import SalesPulseCore
import Testing

/// Channel payloads shaped as the platforms document them.
@Suite struct ChannelPayloadTests {
    @Test func aTelegramUpdateNamesTheSenderAndTheirSharedPhone() throws {
        let text = #"{"update_id": 1, "message": {"message_id": 2, "date": 1796457600, "chat": {"id": 42, "type": "private"}, "from": {"id": 42, "is_bot": false, "first_name": "Ines", "last_name": "Duarte"}, "text": "Hi"}}"#
        #expect(try ChannelPayload.telegram(Data(text.utf8)) == [ChannelMessage(name: "Ines Duarte", phone: nil, sender: "telegram:42", text: "Hi")])
        let contact = #"{"update_id": 3, "message": {"message_id": 4, "date": 1796457600, "chat": {"id": 42, "type": "private"}, "from": {"id": 42, "is_bot": false, "first_name": "Ines"}, "contact": {"phone_number": "351912345678", "first_name": "Ines", "user_id": 42}}}"#
        #expect(try ChannelPayload.telegram(Data(contact.utf8)).first?.phone == "+351912345678")
        #expect(try ChannelPayload.telegram(Data(#"{"update_id": 5, "my_chat_member": {}}"#.utf8)).isEmpty)
        #expect(throws: ChannelPayload.Unreadable.self) { try ChannelPayload.telegram(Data(#"{"hello": 1}"#.utf8)) }
    }

    @Test func aWhatsappNotificationCarriesEachTextMessageAndSkipsReceipts() throws {
        let text = #"{"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"value": {"messaging_product": "whatsapp", "contacts": [{"profile": {"name": "Kerry Fisher"}, "wa_id": "16315551181"}], "messages": [{"from": "16315551181", "id": "wamid.1", "timestamp": "1796457600", "text": {"body": "Hello"}, "type": "text"}]}, "field": "messages"}]}]}"#
        #expect(try ChannelPayload.whatsapp(Data(text.utf8)) == [ChannelMessage(name: "Kerry Fisher", phone: "+16315551181", sender: "whatsapp:16315551181", text: "Hello")])
        let receipt = #"{"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"value": {"messaging_product": "whatsapp", "statuses": [{"id": "wamid.1", "status": "delivered"}]}, "field": "messages"}]}]}"#
        #expect(try ChannelPayload.whatsapp(Data(receipt.utf8)).isEmpty)
        #expect(throws: ChannelPayload.Unreadable.self) { try ChannelPayload.whatsapp(Data(#"{"object": "page"}"#.utf8)) }
    }

    @Test func aTrackedCallNeedsTheCallerAndKeepsItsDetails() throws {
        let text = #"{"caller": "+44 7700 900123", "called": "+44 20 7946 0000", "start": "2026-12-05T09:30:00Z", "duration": 125, "recording_url": "https://calls.example/r/1", "campaign": "Winter"}"#
        let call = try #require(try ChannelPayload.trackedCall(Data(text.utf8)).first)
        #expect(call.phone == "+44 7700 900123")
        #expect(call.call?.durationSeconds == 125 && call.call?.campaign == "Winter" && call.call?.startedAt == ISO8601DateFormatter().date(from: "2026-12-05T09:30:00Z"))
        #expect(throws: ChannelPayload.Unreadable.self) { try ChannelPayload.trackedCall(Data(#"{"duration": 5}"#.utf8)) }
    }
}
