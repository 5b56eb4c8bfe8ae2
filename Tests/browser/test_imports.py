"""Importing in the browser: a rep uploads a messy CSV, sees how its columns are read and the
first lines, changes a column, checks every line (problems and a duplicate shown before
anything is saved), imports it with live progress, sees the result, downloads the lines that
were not imported and undoes the import; then an Excel workbook of accounts with two sheets."""
import time

import openpyxl
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import BASE_URL
from helpers import both_widths, sign_in, wait_for_heading


def upload(browser, kind, path):
    browser.get(f"{BASE_URL}/imports")
    Select(browser.find_element(By.ID, "import-type")).select_by_value(kind)
    browser.find_element(By.ID, "import-file").send_keys(str(path))
    browser.find_element(By.CSS_SELECTOR, "form.import-upload button[type=submit]").click()
    wait_for_heading(browser, "Import of")


def check_and_import(browser):
    browser.find_element(By.CSS_SELECTOR, "form.import-choices button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.ID, "check"))
    browser.find_element(By.CSS_SELECTOR, "#check form button[type=submit]").click()
    WebDriverWait(browser, 30).until(lambda driver: "Result" in driver.page_source)


def tile(browser, label):
    for item in browser.find_elements(By.CSS_SELECTOR, ".tile"):
        if item.find_element(By.CLASS_NAME, "tile-label").text == label:
            return item.find_element(By.CLASS_NAME, "tile-value").text
    raise AssertionError(f"no tile {label}")


def test_a_messy_csv_is_checked_imported_and_undone(browser, logins, artifacts, tmp_path):
    stamp = int(time.time() * 1000)
    path = tmp_path / "trade-show.csv"
    path.write_bytes((
        "Full name;E-mail;Phone number;Company name;Comments\r\n"
        f"Zoë Brandt {stamp};zoe{stamp}@example.com;+49 151 1234 {stamp % 10000:04d};Brandt GmbH;\"Wants a demo,\r\nnext week\"\r\n"
        f"Bad Mail {stamp};not-an-email;;Nowhere Ltd;\r\n"
        f"Zoe Brandt {stamp};ZOE{stamp}@example.com;;;again\r\n"
        f"Olaf Krüger {stamp};olaf{stamp}@example.com;;Krüger AG;\r\n"
    ).encode("cp1252"))
    sign_in(browser, *logins["rep"])
    upload(browser, "leads", path)
    mapping = {s.get_attribute("name"): Select(s).first_selected_option.get_attribute("value")
               for s in browser.find_elements(By.CSS_SELECTOR, "table.mapping select")}
    assert mapping == {"column_0": "name", "column_1": "email", "column_2": "phone", "column_3": "company", "column_4": "need"}, mapping
    assert f"Zoë Brandt {stamp}" in browser.find_element(By.CSS_SELECTOR, "table.preview").text
    both_widths(browser, artifacts, "import-mapping")
    Select(browser.find_element(By.ID, "column-4")).select_by_value("timeline")

    browser.find_element(By.CSS_SELECTOR, "form.import-choices button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.ID, "check"))
    check = browser.find_element(By.ID, "check").text
    assert "Enter a valid email address" in check
    assert "Same email" in check and "line 2" in check
    assert Select(browser.find_element(By.ID, "column-4")).first_selected_option.get_attribute("value") == "timeline"
    both_widths(browser, artifacts, "import-checked")

    browser.find_element(By.CSS_SELECTOR, "#check form button[type=submit]").click()
    WebDriverWait(browser, 30).until(lambda driver: "Result" in driver.page_source)
    assert (tile(browser, "Lines read"), tile(browser, "Created"), tile(browser, "Skipped"), tile(browser, "Not imported")) == ("4", "2", "1", "1")
    report = browser.find_element(By.LINK_TEXT, "Download the skipped and failed lines").get_attribute("href")
    text = browser.execute_script("return fetch(arguments[0]).then(r => r.text())", report)
    assert text.startswith("Line,Outcome,Reason,Field,Full name") and "Repeats line 2" in text, text
    both_widths(browser, artifacts, "import-result")

    assert "Columns: Full name → Name · E-mail → Email" in browser.page_source
    browser.find_element(By.CSS_SELECTOR, ".tile a[href*='importCreated=']").click()
    wait_for_heading(browser, "Leads")
    listed = browser.find_element(By.TAG_NAME, "main").text
    assert f"Olaf Krüger {stamp}" in listed and f"Zoë Brandt {stamp}" in listed and "Created by the import" in listed, listed
    both_widths(browser, artifacts, "import-created-leads")
    browser.back()
    browser.find_element(By.CSS_SELECTOR, "form[data-confirm] button").click()
    browser.switch_to.alert.accept()
    WebDriverWait(browser, 10).until(lambda driver: "The import was undone." in driver.page_source)
    browser.get(f"{BASE_URL}/leads?q=olaf{stamp}")
    assert f"Olaf Krüger {stamp}" not in browser.page_source
    browser.get(f"{BASE_URL}/imports")
    assert "trade-show.csv" in browser.page_source
    both_widths(browser, artifacts, "import-log")


def test_a_workbook_sheet_is_chosen_and_imported(browser, logins, artifacts, tmp_path):
    stamp = int(time.time() * 1000)
    path = tmp_path / "accounts.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Read me"
    book.active.append(["Accounts are on the next sheet"])
    sheet = book.create_sheet("Accounts")
    sheet.append(["Company", "Industry", "Employees", "Website"])
    sheet.append([f"Northwind {stamp} Ltd", "Retail", 140, "northwind.example.com"])
    sheet.append([f"Contoso {stamp}", "Energy", 5200, ""])
    book.save(path)
    sign_in(browser, *logins["rep"])
    upload(browser, "accounts", path)
    Select(browser.find_element(By.ID, "import-sheet")).select_by_value("Accounts")
    browser.find_element(By.CSS_SELECTOR, "form.import-choices button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "Sheet changed" in driver.page_source)
    assert Select(browser.find_element(By.ID, "column-0")).first_selected_option.get_attribute("value") == "name"
    check_and_import(browser)
    assert tile(browser, "Created") == "2"
    browser.get(f"{BASE_URL}/accounts?q=contoso {stamp}")
    assert f"Contoso {stamp}" in browser.page_source


def test_two_duplicate_leads_are_merged_and_the_merge_undone(browser, logins, artifacts, tmp_path):
    stamp = int(time.time() * 1000)
    path = tmp_path / "twice.csv"
    path.write_text(f"Name,Email,Phone\nMia Lund {stamp},mia{stamp}@example.com,\nMia Lund {stamp},MIA{stamp}@example.com,+46 70 123 {stamp % 10000:04d}\n")
    sign_in(browser, *logins["rep"])
    upload(browser, "leads", path)
    Select(browser.find_element(By.ID, "import-duplicates")).select_by_value("create")
    check_and_import(browser)
    assert tile(browser, "Created") == "2"

    browser.get(f"{BASE_URL}/leads")
    browser.find_element(By.LINK_TEXT, "Duplicates").click()
    wait_for_heading(browser, "Possible duplicate")
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "table.duplicates tbody tr") if f"Mia Lund {stamp}" in r.text)
    assert "Same email" in row.text
    both_widths(browser, artifacts, "lead-duplicates")
    row = next(r for r in browser.find_elements(By.CSS_SELECTOR, "table.duplicates tbody tr") if f"Mia Lund {stamp}" in r.text)
    row.find_element(By.XPATH, ".//button[text()='Merge']").click()
    WebDriverWait(browser, 10).until(lambda driver: "Merged into" in driver.page_source)
    assert f"Mia Lund {stamp}" not in browser.find_element(By.CSS_SELECTOR, "section.card").text
    browser.get(f"{BASE_URL}/leads?q=mia lund {stamp}")
    assert len([r for r in browser.find_elements(By.CSS_SELECTOR, "table tbody tr") if f"Mia Lund {stamp}" in r.text]) == 1
    browser.back()
    browser.find_element(By.XPATH, "//button[text()='Undo merge']").click()
    WebDriverWait(browser, 10).until(lambda driver: "both records are back" in driver.page_source)
    browser.get(f"{BASE_URL}/leads?q=mia lund {stamp}")
    assert len([r for r in browser.find_elements(By.CSS_SELECTOR, "table tbody tr") if f"Mia Lund {stamp}" in r.text]) == 2
