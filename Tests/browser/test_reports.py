"""Sales reports in the browser: a manager reports last month by region, downloads it as PDF and
Word (both open in their readers, the Word file in python-docx), keeps it with a Monday email,
and the page fits a phone."""
import io
import subprocess
import tempfile
import urllib.request

import docx
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import BASE_URL
from helpers import both_widths, sign_in


def fetch(browser, href):
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    request = urllib.request.Request(href if href.startswith("http") else BASE_URL + href, headers={"Cookie": cookies})
    with urllib.request.urlopen(request) as response:
        return response.headers.get("Content-Type"), response.read()


def test_a_manager_reports_last_month_by_region_and_downloads_it(browser, logins, artifacts):
    sign_in(browser, *logins["manager"])
    browser.get(f"{BASE_URL}/reports")
    Select(browser.find_element(By.ID, "report-period")).select_by_value("last-month")
    region = Select(browser.find_element(By.ID, "filter-region"))
    region.select_by_index(1)
    region_name = region.first_selected_option.text
    browser.find_element(By.CSS_SELECTOR, "#report-choice button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "region=" in driver.current_url)
    assert region_name in browser.find_element(By.CSS_SELECTOR, "#summary .muted").text
    summary = browser.find_element(By.ID, "summary").text
    assert "Revenue in " in summary
    revenue = browser.find_element(By.CSS_SELECTOR, "#key-numbers tbody tr td:nth-child(2)").text
    assert revenue.startswith("$")
    both_widths(browser, artifacts, "reports")

    content_type, pdf = fetch(browser, browser.find_element(By.LINK_TEXT, "Download PDF").get_attribute("href"))
    assert content_type == "application/pdf" and pdf.startswith(b"%PDF")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        text = subprocess.run(["pdftotext", file.name, "-"], capture_output=True, text=True, check=True).stdout
    assert revenue in text, "the PDF's revenue is the page's"
    _, word = fetch(browser, browser.find_element(By.LINK_TEXT, "Download Word").get_attribute("href"))
    document = docx.Document(io.BytesIO(word))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert {"Summary", "Key numbers", "Risks", "Recommendations"} <= set(headings)
    assert any(revenue in cell.text for table in document.tables for row in table.rows for cell in row.cells)

    browser.find_element(By.ID, "save-name").send_keys("North last month")
    browser.find_element(By.CSS_SELECTOR, "#save-report input[type=checkbox]").click()
    browser.find_element(By.CSS_SELECTOR, "#save-report button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "saved=1" in driver.current_url)
    saved = browser.find_element(By.CSS_SELECTOR, ".saved-reports li").text
    assert "North last month" in saved and "emailed on Mondays to" in saved


def test_a_risk_opens_its_records(browser, logins):
    sign_in(browser, *logins["admin"])
    browser.get(f"{BASE_URL}/reports?period=this-month")
    links = browser.find_elements(By.CSS_SELECTOR, "#risks li a")
    assert links, "the demo company has stalled deals"
    stalled = [link for link in links if "no change or activity" in link.text]
    assert stalled
    stalled[0].click()
    WebDriverWait(browser, 10).until(lambda driver: "/dashboards/pipeline" in driver.current_url)
    assert browser.find_elements(By.CSS_SELECTOR, "#stalled tbody tr")
