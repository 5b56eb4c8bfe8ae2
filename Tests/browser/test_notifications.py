"""Notifications and mail in the browser: a manager gives a lead to a rep, the rep's bell
counts it and opens the lead; a password reset email shows in the admin's sent mail; the
admin's background jobs page."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import BASE_URL
from helpers import both_widths, sign_in, wait_for_heading, wait_for_path


def sign_out(browser):
    browser.find_element(By.CSS_SELECTOR, "form[action='/logout'] button").click()
    wait_for_path(browser, "/login")


def test_a_lead_given_to_a_rep_rings_their_bell(browser, logins, artifacts):
    sign_in(browser, *logins["rep"])
    rep_name = browser.find_element(By.CSS_SELECTOR, ".who-name").text.split("\n")[0].strip()
    sign_out(browser)
    sign_in(browser, *logins["manager"])
    browser.get(f"{BASE_URL}/leads/new")
    browser.find_element(By.ID, "field-name").send_keys("Imogen Hart")
    owner = Select(browser.find_element(By.ID, "field-ownerId"))
    owner.select_by_value(next(o.get_attribute("value") for o in owner.options if o.text.startswith(rep_name)))
    browser.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]").click()
    wait_for_heading(browser, "Imogen Hart")
    sign_out(browser)

    sign_in(browser, *logins["rep"])

    def told(driver):
        driver.get(f"{BASE_URL}/notifications")
        return "gave you the lead Imogen Hart" in driver.page_source

    WebDriverWait(browser, 20, poll_frequency=0.5).until(told)
    count = browser.find_element(By.CSS_SELECTOR, ".bell .count").text
    assert int(count.split()[0]) >= 1
    both_widths(browser, artifacts, "notifications")
    button = next(b for b in browser.find_elements(By.CSS_SELECTOR, ".notifications button") if "Imogen Hart" in b.text)
    button.click()
    wait_for_heading(browser, "Imogen Hart")
    assert "/leads/" in browser.current_url


def test_a_reset_email_lands_in_the_sent_mail_and_jobs_show_their_state(browser, logins, artifacts):
    viewer_email = logins["viewer"][0]
    browser.get(f"{BASE_URL}/forgot-password")
    browser.find_element(By.ID, "email").send_keys(viewer_email)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "If that address has an account" in driver.page_source)
    sign_in(browser, *logins["admin"])

    def delivered(driver):
        driver.get(f"{BASE_URL}/admin/mail")
        return any(viewer_email in row.text and "Reset your SalesPulse password" in row.text
                   for row in driver.find_elements(By.CSS_SELECTOR, "tbody tr"))

    WebDriverWait(browser, 20, poll_frequency=0.5).until(delivered)
    both_widths(browser, artifacts, "sent-mail")
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr") if viewer_email in r.text)
    row.find_element(By.TAG_NAME, "a").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, ".mail-text"))
    text = browser.find_element(By.CSS_SELECTOR, ".mail-text").text
    assert "/reset-password/" in text and "choose a new password" in text

    browser.get(f"{BASE_URL}/admin/jobs?state=done")
    assert "Send an email" in browser.page_source
    both_widths(browser, artifacts, "background-jobs")
