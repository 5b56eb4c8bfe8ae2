"""Lead forms in the browser: an admin creates a form, its snippet is pasted into a static page
served on loopback, a visitor fills it in, and the lead arrives, given to the chosen rep, who
finds it first on their home page and hears of it."""
import functools
import html
import http.server
import tempfile
import threading
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import BASE_URL
from helpers import both_widths, sign_in, wait_for_heading


def serve(folder):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_a_visitor_fills_in_the_pasted_form_and_the_lead_arrives(browser, logins, artifacts):
    sign_in(browser, *logins["admin"])
    rep_email, rep_password = logins["rep"]
    browser.get(f"{BASE_URL}/admin/users?q={rep_email}")
    rep = browser.find_element(By.CSS_SELECTOR, "td[data-label=Name] a").text
    browser.get(f"{BASE_URL}/admin/intake")
    wait_for_heading(browser, "Lead forms and channels")
    # each kind asks only for what it needs
    channel = Select(browser.find_element(By.ID, "channel"))
    assert not browser.find_element(By.ID, "accessToken").is_displayed()
    assert browser.find_element(By.ID, "origins").is_displayed()
    channel.select_by_value("leadads")
    assert browser.find_element(By.ID, "accessToken").is_displayed() and browser.find_element(By.ID, "appSecret").is_displayed()
    assert not browser.find_element(By.ID, "origins").is_displayed()
    channel.select_by_value("json")
    assert browser.find_element(By.ID, "mapping").is_displayed() and not browser.find_element(By.ID, "appSecret").is_displayed()
    channel.select_by_value("form")
    name = f"Open day {int(time.time())}"
    browser.find_element(By.ID, "name").send_keys(name)
    Select(browser.find_element(By.ID, "source")).select_by_value("landing_page")
    Select(browser.find_element(By.ID, "assignTo")).select_by_visible_text(rep)
    browser.find_element(By.CSS_SELECTOR, "form[action='/admin/intake'] button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "Ready. Copy" in driver.page_source)
    both_widths(browser, artifacts, "lead-forms")
    article = [element for element in browser.find_elements(By.CSS_SELECTOR, "article.intake-form") if name in element.text][0]
    snippet = article.find_element(By.CSS_SELECTOR, "pre.snippet code").get_attribute("textContent")
    assert "/intake/forms/" in snippet

    with tempfile.TemporaryDirectory() as folder:
        with open(f"{folder}/index.html", "w") as page:
            page.write(f"<!doctype html><html><body><h1>Open day</h1>{html.unescape(snippet)}</body></html>")
        server = serve(folder)
        try:
            browser.get(f"http://127.0.0.1:{server.server_address[1]}/index.html")
            visitor = f"visitor{int(time.time())}@example.com"
            browser.find_element(By.NAME, "name").send_keys("Marta Gomes")
            browser.find_element(By.NAME, "email").send_keys(visitor)
            browser.find_element(By.NAME, "message").send_keys("Can I bring my daughter?")
            time.sleep(3.5)  # people take longer than the form's minimum; bots do not
            browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
            WebDriverWait(browser, 10).until(lambda driver: "Thank you" in driver.page_source)
        finally:
            server.shutdown()

    browser.get(f"{BASE_URL}/admin/intake")
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.LINK_TEXT, "New lead"))
    browser.find_element(By.LINK_TEXT, "New lead").click()
    WebDriverWait(browser, 10).until(lambda driver: "Marta Gomes" in driver.find_element(By.TAG_NAME, "h1").text)
    assert visitor in browser.page_source
    assert rep in browser.page_source

    browser.delete_all_cookies()
    sign_in(browser, rep_email, rep_password)
    browser.get(f"{BASE_URL}/")
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.ID, "answer-heading"))
    to_answer = browser.find_element(By.CSS_SELECTOR, "section[aria-labelledby=answer-heading]")
    assert "Marta Gomes" in to_answer.text
    both_widths(browser, artifacts, "home-new-leads")
    browser.get(f"{BASE_URL}/notifications")
    WebDriverWait(browser, 10).until(lambda driver: f"New lead from {name}: Marta Gomes" in driver.page_source)
