import Foundation
import SalesPulseCore

/// The HTML an admin pastes into a landing page: a plain form that works without scripts,
/// with the hidden field bots fill in and a one-line script that notes when the page opened.
enum IntakeSnippet {
    static func address(_ form: IntakeForms.Form, publicURL: String) -> String {
        let folder = form.kind == .form ? "forms" : form.kind.rawValue
        return publicURL.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/intake/\(folder)/" + form.key
    }

    /// The questions the form's special cases look at.
    private static func details(_ form: IntakeForms.Form) -> String {
        let asked = Set(form.routing.map(\.when))
        return
            (asked.contains(.productInterest)
            ? "<label>What are you interested in? <input name=\"interest\"></label>\n  " : "")
            + (asked.contains(.region) ? "<label>Region <input name=\"region\"></label>\n  " : "")
    }

    static func html(_ form: IntakeForms.Form, publicURL: String) -> String {
        """
        <form action="\(address(form, publicURL: publicURL))" method="post">
          <label>Name <input name="name" autocomplete="name" required></label>
          <label>Email <input name="email" type="email" autocomplete="email"></label>
          <label>Phone <input name="phone" type="tel" autocomplete="tel"></label>
          <label>Company <input name="company" autocomplete="organization"></label>
          \(details(form))<label>Message <textarea name="message"></textarea></label>
          <input name="\(SpamGuard.honeypotField)" tabindex="-1" autocomplete="off" aria-hidden="true" style="position:absolute;left:-10000px">
          <input type="hidden" name="\(SpamGuard.openedField)">
          <button type="submit">Send</button>
        </form>
        <script>document.currentScript.previousElementSibling.elements["\(SpamGuard.openedField)"].value = Date.now();</script>
        """
    }
}
