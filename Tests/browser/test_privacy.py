"""Personal data in the browser: an admin finds a person by the email on their lead, downloads
the summary for their access request, and erases them once the confirmation is typed."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import BASE_URL
from helpers import both_widths, download, sign_in, wait_for_heading


def test_an_admin_answers_an_access_request_and_erases_the_person(browser, logins, artifacts):
    sign_in(browser, *logins["admin"])
    browser.get(f"{BASE_URL}/leads?status=lost")
    wait_for_heading(browser, "Leads")
    browser.find_element(By.CSS_SELECTOR, "table tbody a[href^='/leads/']").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, "a[href^='mailto:']"))
    email = browser.find_element(By.CSS_SELECTOR, "a[href^='mailto:']").get_attribute("href").removeprefix("mailto:")

    browser.get(f"{BASE_URL}/admin/privacy")
    wait_for_heading(browser, "Personal data")
    browser.find_element(By.ID, "who").send_keys(email)
    browser.find_element(By.CSS_SELECTOR, "form[role=search] button[type=submit]").click()
    WebDriverWait(browser, 20).until(lambda driver: f"What we hold about {email}" in driver.page_source)
    both_widths(browser, artifacts, "privacy")
    link = browser.find_element(By.PARTIAL_LINK_TEXT, "Download summary").get_attribute("href")
    answer = download(browser, link)
    assert answer[0] == 200 and answer[1] == "application/pdf" and answer[2] > 500, answer

    browser.find_element(By.ID, "confirm").send_keys("yes")
    browser.find_element(By.CSS_SELECTOR, "form[action='/admin/privacy/erase'] button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.ID, "confirm-error"))
    assert "Type ERASE" in browser.find_element(By.ID, "confirm-error").text
    browser.find_element(By.ID, "confirm").send_keys("ERASE")
    browser.find_element(By.CSS_SELECTOR, "form[action='/admin/privacy/erase'] button[type=submit]").click()
    WebDriverWait(browser, 20).until(lambda driver: "The person was erased" in driver.page_source)

    browser.get(f"{BASE_URL}/admin/privacy?who={email}")
    WebDriverWait(browser, 20).until(lambda driver: "No lead or contact has" in driver.page_source)
