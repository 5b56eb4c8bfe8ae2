"""Backups in the browser: the admin sets the daily backup, backs up now, follows it to the
end without reloading, and downloads the file."""
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import BASE_URL
from helpers import both_widths, download, sign_in, wait_for_heading


def test_an_admin_backs_up_now_and_downloads_the_file(browser, logins, artifacts):
    sign_in(browser, *logins["admin"])
    browser.get(f"{BASE_URL}/admin/backups")
    wait_for_heading(browser, "Backups")

    Select(browser.find_element(By.ID, "hour")).select_by_visible_text("04:00")
    folder = browser.find_element(By.ID, "folder")
    kept_folder = folder.get_attribute("value")
    folder.clear()
    folder.send_keys("/dev/null/backups")
    browser.find_element(By.CSS_SELECTOR, "form[action='/admin/backups/schedule'] button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.ID, "folder-error"))
    assert "cannot write to /dev/null/backups" in browser.find_element(By.ID, "folder-error").text
    folder = browser.find_element(By.ID, "folder")
    folder.clear()
    folder.send_keys(kept_folder)
    keep = browser.find_element(By.ID, "keep")
    keep.clear()
    keep.send_keys("5")
    browser.find_element(By.CSS_SELECTOR, "form[action='/admin/backups/schedule'] button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "The schedule is saved" in driver.page_source)
    assert Select(browser.find_element(By.ID, "hour")).first_selected_option.text == "04:00"

    browser.find_element(By.CSS_SELECTOR, "form[action='/admin/backups'] button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "The backup has started" in driver.page_source)
    # The page follows the backup and shows its row once it is done, without a click.
    # The page reloads itself while it follows the backup: a row read mid-reload is looked up again.
    WebDriverWait(browser, 60, poll_frequency=0.5, ignored_exceptions=[StaleElementReferenceException]).until(
        lambda driver: "Done" in driver.find_element(By.CSS_SELECTOR, "tbody tr").text)
    row = browser.find_element(By.CSS_SELECTOR, "tbody tr")
    assert "Backing up" not in browser.page_source
    link = row.find_element(By.CSS_SELECTOR, "a[download]").get_attribute("href")
    answer = download(browser, link)
    assert answer[0] == 200 and answer[1] == "application/zip" and answer[2] > 10_000, answer

    browser.find_element(By.CSS_SELECTOR, "form[action='/admin/backups/export'] button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "The export has started" in driver.page_source)
    WebDriverWait(browser, 120, poll_frequency=0.5, ignored_exceptions=[StaleElementReferenceException]).until(
        lambda driver: "Done" in driver.find_element(By.CSS_SELECTOR, "tbody tr").text)
    row = browser.find_element(By.CSS_SELECTOR, "tbody tr")
    assert "Export of everything" in row.text
    link = row.find_element(By.CSS_SELECTOR, "a[download]").get_attribute("href")
    answer = download(browser, link)
    assert answer[0] == 200 and answer[1] == "application/zip" and answer[2] > 10_000, answer
    both_widths(browser, artifacts, "backups")
