"""A rep works leads in the browser: forms, errors, the pipeline board, phones, calendars."""
import time
import urllib.request

import icalendar
import pytest
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import BASE_URL
from helpers import has_no_horizontal_overflow, sign_in, wait_for_path

DRAG = """
const [card, column] = arguments;
const data = new DataTransfer();
card.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: data}));
column.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data}));
column.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));
card.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: data}));
"""


@pytest.fixture()
def rep(browser, logins):
    email, password = logins["rep"]
    sign_in(browser, email, password)
    wait_for_path(browser, "/")
    return browser


def create_lead(browser, name, **fields):
    browser.get(f"{BASE_URL}/leads/new")
    browser.find_element(By.ID, "field-name").send_keys(name)
    for field, value in fields.items():
        element = browser.find_element(By.ID, f"field-{field}")
        if element.tag_name == "select":
            Select(element).select_by_value(value)
        else:
            element.send_keys(value)
    browser.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]").click()


def card_column(browser, name):
    """The column holding the card; None while the page is still being replaced after a move."""
    try:
        cards = [card for card in browser.find_elements(By.CSS_SELECTOR, "[data-card]") if name in card.text]
        return cards[0].find_element(By.XPATH, "ancestor::section[@data-column]").get_attribute("data-column") if cards else None
    except StaleElementReferenceException:
        return None


def test_create_a_lead_through_the_form_with_a_validation_error_first(rep, artifacts):
    name = f"Form Lead {int(time.time() * 1000)}"
    create_lead(rep, name, email="not-an-email")
    error = rep.find_element(By.ID, "email-error")
    assert "valid email" in error.text
    assert rep.find_element(By.ID, "field-name").get_attribute("value") == name
    rep.save_screenshot(str(artifacts / "lead-form-error.png"))
    field = rep.find_element(By.ID, "field-email")
    field.clear()
    field.send_keys("form.lead@example.com")
    rep.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]").click()
    WebDriverWait(rep, 10).until(lambda driver: "Saved." in driver.page_source)
    assert rep.find_element(By.TAG_NAME, "h1").text == name
    rep.save_screenshot(str(artifacts / "lead-page.png"))


def test_drag_a_card_and_find_it_there_after_a_reload(rep, artifacts):
    name = f"Drag Lead {int(time.time() * 1000)}"
    create_lead(rep, name, source="referral")
    WebDriverWait(rep, 10).until(lambda driver: "Saved." in driver.page_source)
    rep.get(f"{BASE_URL}/leads/board")
    assert card_column(rep, name) == "new"
    card = [card for card in rep.find_elements(By.CSS_SELECTOR, "[data-card]") if name in card.text][0]
    count_before = int(rep.find_element(By.CSS_SELECTOR, "[data-column=qualified] [data-count]").text)
    rep.execute_script(DRAG, card, rep.find_element(By.CSS_SELECTOR, "[data-column=qualified]"))
    WebDriverWait(rep, 10).until(lambda driver: card_column(driver, name) == "qualified")
    assert int(rep.find_element(By.CSS_SELECTOR, "[data-column=qualified] [data-count]").text) == count_before + 1
    rep.save_screenshot(str(artifacts / "board-after-drag.png"))
    rep.refresh()
    assert card_column(rep, name) == "qualified"

    # a move the workflow forbids snaps back with a visible message
    card = [card for card in rep.find_elements(By.CSS_SELECTOR, "[data-card]") if name in card.text][0]
    rep.execute_script(DRAG, card, rep.find_element(By.CSS_SELECTOR, "[data-column=new]"))
    message = WebDriverWait(rep, 10).until(lambda driver: driver.find_element(By.ID, "board-message") if driver.find_element(By.ID, "board-message").is_displayed() else None)
    assert "cannot move back" in message.text
    assert card_column(rep, name) == "qualified"
    rep.save_screenshot(str(artifacts / "board-refused-move.png"))
    rep.refresh()
    assert card_column(rep, name) == "qualified"


def test_move_menu_works_without_drag_and_drop(rep):
    name = f"Menu Lead {int(time.time() * 1000)}"
    create_lead(rep, name)
    WebDriverWait(rep, 10).until(lambda driver: "Saved." in driver.page_source)
    rep.get(f"{BASE_URL}/leads/board")
    card = [card for card in rep.find_elements(By.CSS_SELECTOR, "[data-card]") if name in card.text][0]
    Select(card.find_element(By.CSS_SELECTOR, "select[name=to]")).select_by_value("contacted")
    card.find_element(By.CSS_SELECTOR, "form.move button").click()
    WebDriverWait(rep, 10).until(lambda driver: card_column(driver, name) == "contacted")


@pytest.mark.parametrize("path", ["/", "/leads", "/leads/board", "/opportunities/board", "/leads/new", "/my-day", "/accounts", "/tasks"])
def test_pages_fit_a_phone(rep, artifacts, path):
    rep.set_window_size(375, 812)
    rep.get(f"{BASE_URL}{path}")
    assert has_no_horizontal_overflow(rep), path
    rep.save_screenshot(str(artifacts / f"phone{path.replace('/', '-') or '-home'}.png"))
    rep.set_window_size(1280, 900)
    rep.get(f"{BASE_URL}{path}")
    rep.save_screenshot(str(artifacts / f"desktop{path.replace('/', '-') or '-home'}.png"))


def test_calendar_files_parse(rep):
    name = f"Calendar Lead {int(time.time() * 1000)}"
    create_lead(rep, name)
    WebDriverWait(rep, 10).until(lambda driver: "Saved." in driver.page_source)
    lead_path = rep.current_url.split("?")[0].replace(BASE_URL, "")
    rep.find_element(By.XPATH, "//summary[contains(., 'Schedule a follow-up')]").click()
    rep.execute_script("document.getElementById('follow-up-at').value = '2031-02-03T10:15'")
    rep.find_element(By.ID, "follow-up-note").send_keys("Bring the contract")
    # The lead's page already says "Saved." from its creation: wait for the page the follow-up
    # comes back to, not for the words.
    before = rep.find_element(By.TAG_NAME, "html")
    rep.find_element(By.CSS_SELECTOR, "form[action$='/follow-up'] button").click()
    WebDriverWait(rep, 10).until(expected_conditions.staleness_of(before))
    WebDriverWait(rep, 10).until(lambda driver: "Saved." in driver.page_source)
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in rep.get_cookies())
    request = urllib.request.Request(f"{BASE_URL}{lead_path}/calendar.ics", headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as response:
        assert response.headers["Content-Type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(response.read())
    events = [component for component in calendar.walk("VEVENT")]
    assert len(events) == 1
    assert str(events[0]["SUMMARY"]) == f"Follow up: {name}"
    assert events[0]["DTSTART"].dt.isoformat() == "2031-02-03T10:15:00+00:00"
    assert str(events[0]["DESCRIPTION"]) == "Bring the contract"

    rep.get(f"{BASE_URL}/account/calendar")
    rep.find_element(By.CSS_SELECTOR, "form[action='/account/calendar'] button").click()
    feed_url = WebDriverWait(rep, 10).until(lambda driver: driver.find_element(By.ID, "feed-url")).text
    feed_path = feed_url[feed_url.index("/calendar/"):]
    with urllib.request.urlopen(f"{BASE_URL}{feed_path}") as response:
        feed = icalendar.Calendar.from_ical(response.read())
    summaries = {str(event["SUMMARY"]) for event in feed.walk("VEVENT")}
    assert f"Follow up: {name}" in summaries


def test_line_item_totals_update_as_you_type(rep, artifacts):
    rep.get(f"{BASE_URL}/opportunities")
    rep.find_element(By.CSS_SELECTOR, "table tbody tr a").click()
    WebDriverWait(rep, 10).until(lambda driver: driver.find_elements(By.ID, "lines-heading"))
    if not rep.find_elements(By.CSS_SELECTOR, "[data-line]"):
        rep.find_element(By.ID, "line-quantity").clear()
        rep.find_element(By.ID, "line-quantity").send_keys("2")
        rep.find_element(By.CSS_SELECTOR, "form[action$='/lines'] button").click()
        WebDriverWait(rep, 10).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, "[data-line]"))
    row = rep.find_element(By.CSS_SELECTOR, "[data-line]")
    price = row.find_element(By.CSS_SELECTOR, "[data-price]")
    price.clear()
    price.send_keys("10")
    quantity = row.find_element(By.CSS_SELECTOR, "[data-quantity]")
    quantity.clear()
    quantity.send_keys("7")
    assert row.find_element(By.CSS_SELECTOR, "[data-total]").text == "70.00"
    rows = rep.find_elements(By.CSS_SELECTOR, "[data-line]")
    expected = sum(float(r.find_element(By.CSS_SELECTOR, "[data-total]").text.replace(",", "")) for r in rows)
    assert float(rep.find_element(By.CSS_SELECTOR, "[data-grand-total]").text.replace(",", "")) == expected
    rep.save_screenshot(str(artifacts / "opportunity-lines.png"))
