"""A large deal in the browser: the admin sets the approval amount, the rep cannot mark the
deal won and asks, the manager is told and approves, and the rep then wins it."""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import BASE_URL
from helpers import both_widths, sign_in, wait_for_heading, wait_for_path


def sign_out(browser):
    browser.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
    wait_for_path(browser, "/login")


def test_a_large_deal_is_won_after_the_manager_approves(browser, logins, artifacts):
    sign_in(browser, *logins["admin"])
    browser.get(f"{BASE_URL}/admin/settings")
    amount = browser.find_element(By.ID, "approvalAmount")
    amount.clear()
    amount.send_keys("1000000")
    browser.find_element(By.CSS_SELECTOR, "form[action='/admin/settings'] button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "Settings saved." in driver.page_source)
    assert browser.find_element(By.ID, "approvalAmount").get_attribute("value") == "1,000,000.00"
    sign_out(browser)

    sign_in(browser, *logins["rep"])
    name = f"Campus fleet {int(time.time() * 1000)}"
    browser.get(f"{BASE_URL}/opportunities/new")
    browser.find_element(By.ID, "field-name").send_keys(name)
    account = Select(browser.find_element(By.ID, "field-accountId"))
    account.select_by_value(next(o.get_attribute("value") for o in account.options if o.get_attribute("value")))
    amount = browser.find_element(By.ID, "field-amount")
    amount.clear()
    amount.send_keys("2500000")
    browser.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]").click()
    wait_for_heading(browser, name)
    deal_url = browser.current_url.split("?")[0]
    box = browser.find_element(By.CSS_SELECTOR, "[data-approval]")
    assert "need a manager's approval" in box.text
    assert not browser.find_elements(By.CSS_SELECTOR, "button.won"), "no Won button before approval"
    browser.find_element(By.ID, "approval-note").send_keys("Three campuses, signed next week")
    box.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "Waiting for approval" in driver.page_source)
    both_widths(browser, artifacts, "deal-approval-asked")
    sign_out(browser)

    sign_in(browser, *logins["manager"])

    def told(driver):
        driver.get(f"{BASE_URL}/notifications")
        return f"asks you to approve {name}" in driver.page_source

    WebDriverWait(browser, 20, poll_frequency=0.5).until(told)
    button = next(b for b in browser.find_elements(By.CSS_SELECTOR, ".notifications button") if name in b.text)
    button.click()
    wait_for_heading(browser, name)
    assert "Three campuses" in browser.find_element(By.CSS_SELECTOR, "[data-approval]").text
    both_widths(browser, artifacts, "deal-approval-to-decide")
    browser.find_element(By.CSS_SELECTOR, "[data-approval] button[value=approved]").click()
    WebDriverWait(browser, 10).until(lambda driver: "Approved by" in driver.page_source)
    sign_out(browser)

    sign_in(browser, *logins["rep"])
    browser.get(deal_url)
    browser.find_element(By.CSS_SELECTOR, "button.won").click()
    WebDriverWait(browser, 10).until(lambda driver: "Saved." in driver.page_source)
    assert browser.find_element(By.CSS_SELECTOR, ".stage-path [aria-current=step]").text == "Closed won"
