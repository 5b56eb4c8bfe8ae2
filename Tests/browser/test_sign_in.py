"""Each role signs in through the browser and sees the navigation its role allows."""
import time

import pytest
from selenium.webdriver.common.by import By

from conftest import BASE_URL
from helpers import has_no_horizontal_overflow, sign_in, wait_for_path

CRM_LINKS = {"Home", "My day", "Leads", "Opportunities", "Accounts", "Contacts", "Tasks", "Activities", "Products", "Performance", "Dashboards", "Sales", "Marketing spend",
             "Timetable", "Groups and rooms", "Trial lessons", "Enrolments", "Courses", "Plan visits", "Territory coverage", "Forecasts", "Insights", "Reports", "Ask"}
WRITER_LINKS = CRM_LINKS | {"Import"}
EXPECTED_LINKS = {
    "admin": WRITER_LINKS | {"Models", "Users", "Teams", "Settings", "Background jobs", "Sent mail", "Backups", "Lead forms and channels", "Webhooks", "Personal data"},
    "manager": WRITER_LINKS | {"Models", "My team"},
    "rep": WRITER_LINKS,
    "viewer": CRM_LINKS,
}


def nav_links(browser):
    return {link.text for link in browser.find_elements(By.CSS_SELECTOR, "nav[aria-label=Main] a")}


@pytest.mark.parametrize("role", ["admin", "manager", "rep", "viewer"])
def test_role_signs_in_and_sees_its_navigation(browser, logins, artifacts, role):
    email, password = logins[role]
    sign_in(browser, email, password)
    wait_for_path(browser, "/")
    assert nav_links(browser) == EXPECTED_LINKS[role]
    browser.save_screenshot(str(artifacts / f"home-{role}-desktop.png"))

    browser.set_window_size(375, 812)
    browser.refresh()
    assert has_no_horizontal_overflow(browser)
    browser.save_screenshot(str(artifacts / f"home-{role}-phone.png"))

    forbidden = "/admin/users"
    browser.get(f"{BASE_URL}{forbidden}")
    if role == "admin":
        assert "Users" in browser.find_element(By.TAG_NAME, "h1").text
        browser.save_screenshot(str(artifacts / "admin-users-phone.png"))
        assert has_no_horizontal_overflow(browser)
    else:
        assert "403" in browser.find_element(By.TAG_NAME, "h1").text

    browser.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
    wait_for_path(browser, "/login")
    browser.get(f"{BASE_URL}/")
    wait_for_path(browser, "/login")


def test_wrong_password_is_refused_with_a_message(browser, logins, artifacts):
    email, _ = logins["rep"]
    sign_in(browser, email, "not the password at all")
    alert = browser.find_element(By.CSS_SELECTOR, "[role=alert]")
    assert "email or password is not right" in alert.text
    browser.save_screenshot(str(artifacts / "login-failed.png"))
    assert browser.find_element(By.ID, "email").get_attribute("value") == email


def test_admin_creates_a_user_and_sees_field_errors(browser, logins, artifacts):
    email, password = logins["admin"]
    sign_in(browser, email, password)
    wait_for_path(browser, "/")
    browser.get(f"{BASE_URL}/admin/users/new")
    browser.find_element(By.ID, "email").send_keys("not-an-email@x")
    browser.find_element(By.ID, "name").send_keys("Browser Person")
    browser.find_element(By.ID, "password").send_keys("a long enough password")
    # the browser's own checks pass this; the server's do not
    browser.find_element(By.CSS_SELECTOR, "form.card button[type=submit]").click()
    error = browser.find_element(By.ID, "email-error")
    assert "valid email" in error.text
    assert browser.find_element(By.ID, "name").get_attribute("value") == "Browser Person"
    browser.save_screenshot(str(artifacts / "admin-user-form-error.png"))
    field = browser.find_element(By.ID, "email")
    field.clear()
    field.send_keys(f"browser.person.{int(time.time() * 1000)}@example.com")
    browser.find_element(By.ID, "password").send_keys("a long enough password")
    browser.find_element(By.CSS_SELECTOR, "form.card button[type=submit]").click()
    assert "Saved." in browser.find_element(By.CSS_SELECTOR, "[role=status]").text
