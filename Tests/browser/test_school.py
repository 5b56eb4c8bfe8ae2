"""The education centre in the browser: a manager reads the groups and the timetable at
desktop and phone width, books a trial for a new lead, marks it attended and accepted (which
enrols the student), and is refused a double booking of a room."""
import datetime
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import BASE_URL
from helpers import both_widths, sign_in


def save(browser):
    browser.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "Saved." in driver.page_source or driver.find_elements(By.CSS_SELECTOR, "[role=alert]"))


def set_value(browser, field, value):
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, f"field-{field}"), value)


def next_weekday(weekday):
    """The next date (after today) falling on `weekday`, 0 = Monday."""
    today = datetime.date.today()
    return today + datetime.timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def test_a_manager_reads_the_groups_and_the_timetable(browser, logins, artifacts):
    sign_in(browser, *logins["manager"])
    browser.get(f"{BASE_URL}/school")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Groups and rooms"
    rows = browser.find_elements(By.CSS_SELECTOR, ".groups-table tbody tr")
    assert len(rows) >= 10
    bands = {row.get_attribute("class") for row in rows}
    assert {"band-green", "band-orange", "band-red"} <= bands, bands
    assert "Recommendations" in browser.page_source
    both_widths(browser, artifacts, "school-groups")

    browser.get(f"{BASE_URL}/timetable")
    lessons = browser.find_elements(By.CSS_SELECTOR, ".timetable a.lesson")
    assert lessons and "English A1 morning" in browser.page_source
    assert browser.find_elements(By.CSS_SELECTOR, ".timetable .free")
    both_widths(browser, artifacts, "school-timetable")
    browser.find_element(By.LINK_TEXT, "teachers").click()
    WebDriverWait(browser, 10).until(lambda driver: "by=teacher" in driver.current_url)
    assert "Olivia Grant" in browser.find_element(By.CSS_SELECTOR, ".timetable tbody").text


def test_a_trial_is_booked_attended_and_accepted(browser, logins, artifacts):
    sign_in(browser, *logins["manager"])
    name = f"Aaa Trial {int(time.time() * 1000)}"
    browser.get(f"{BASE_URL}/leads/new")
    browser.find_element(By.ID, "field-name").send_keys(name)
    browser.find_element(By.ID, "field-email").send_keys(f"trial{int(time.time())}@example.com")
    save(browser)
    lead_id = browser.current_url.split("?")[0].rstrip("/").split("/")[-1]

    browser.get(f"{BASE_URL}/trial-lessons/new?leadId={lead_id}")
    Select(browser.find_element(By.ID, "field-groupId")).select_by_visible_text("English A1 evening")
    set_value(browser, "lessonDay", "2020-01-01")
    save(browser)
    assert "has no lesson" in browser.page_source or "meets" in browser.page_source
    set_value(browser, "lessonDay", next_weekday(0).isoformat())
    set_value(browser, "startsAt", "")
    save(browser)
    assert "Saved." in browser.page_source, browser.find_element(By.TAG_NAME, "main").text[:500]
    trial_url = browser.current_url.split("?")[0]
    assert "18:00" in browser.page_source
    both_widths(browser, artifacts, "school-trial")

    browser.get(f"{trial_url}/edit")
    Select(browser.find_element(By.ID, "field-status")).select_by_value("attended")
    Select(browser.find_element(By.ID, "field-result")).select_by_value("accepted")
    save(browser)
    assert "Saved." in browser.page_source, browser.find_element(By.TAG_NAME, "main").text[:500]
    browser.get(f"{BASE_URL}/leads/{lead_id}")
    assert "Converted" in browser.page_source


def test_a_double_booking_is_refused_in_the_browser(browser, logins, artifacts):
    sign_in(browser, *logins["manager"])
    browser.get(f"{BASE_URL}/groups/new")
    browser.find_element(By.ID, "field-name").send_keys(f"Clashing group {int(time.time())}")
    Select(browser.find_element(By.ID, "field-courseId")).select_by_visible_text("English A1 Beginners")
    Select(browser.find_element(By.ID, "field-roomId")).select_by_visible_text("Room 1 (Oxford)")
    browser.find_element(By.ID, "field-days").send_keys("mon")
    browser.find_element(By.ID, "field-startTime").send_keys("18:30")
    monday = next_weekday(0)
    set_value(browser, "firstDay", monday.isoformat())
    set_value(browser, "lastDay", (monday + datetime.timedelta(days=21)).isoformat())
    save(browser)
    text = browser.find_element(By.TAG_NAME, "main").text
    assert "The room is taken by English A1 evening" in text, text[:600]
    browser.save_screenshot(str(artifacts / "school-double-booking-1400.png"))
