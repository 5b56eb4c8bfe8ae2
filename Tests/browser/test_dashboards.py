"""A manager reads the dashboards, drills into a bar, and exports what they see; the files
are opened by real readers (LibreOffice for XLSX, poppler for PDF)."""
import csv
import io
import pathlib
import struct
import subprocess
import tempfile
import time
import urllib.request

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import BASE_URL
from helpers import has_no_horizontal_overflow, sign_in


def fetch(browser, path):
    """GET with the browser's session cookie: what clicking an export link downloads."""
    cookies = "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())
    request = urllib.request.Request(BASE_URL + path, headers={"Cookie": cookies})
    with urllib.request.urlopen(request) as response:
        return response.read(), response.headers


def test_executive_dashboard_drills_into_the_records_behind_a_bar(browser, logins, artifacts):
    sign_in(browser, *logins["admin"])
    browser.get(f"{BASE_URL}/dashboards/executive")
    tiles = browser.find_elements(By.CSS_SELECTOR, ".tile-value")
    assert len(tiles) >= 8 and tiles[0].text.startswith("$")
    charts = browser.find_elements(By.CSS_SELECTOR, ".chart-frame svg[role=img]")
    assert len(charts) >= 6 and all(chart.size["width"] > 200 for chart in charts)
    browser.save_screenshot(str(artifacts / "dashboard-executive.png"))
    bar = browser.find_element(By.CSS_SELECTOR, "#revenue-by-region svg a")
    title = bar.find_element(By.CSS_SELECTOR, "title").get_attribute("textContent")
    bar.click()
    WebDriverWait(browser, 10).until(lambda driver: "/sales?" in driver.current_url)
    assert "regionId=" in browser.current_url and "soldOnFrom=" in browser.current_url
    rows = browser.find_elements(By.CSS_SELECTOR, "table tbody tr")
    assert rows, f"the bar '{title}' opened an empty list"


def test_dashboards_fit_a_phone(browser, logins, artifacts):
    sign_in(browser, *logins["manager"])
    browser.set_window_size(390, 844)
    for kind in ("executive", "pipeline", "sources", "channels", "team"):
        browser.get(f"{BASE_URL}/dashboards/{kind}")
        assert browser.find_elements(By.CSS_SELECTOR, "h1")[0].text
        assert has_no_horizontal_overflow(browser), kind
    browser.get(f"{BASE_URL}/dashboards/sources")
    browser.save_screenshot(str(artifacts / "dashboard-sources-phone.png"))


def test_chart_downloads_as_png_drawn_in_the_browser(browser, logins):
    sign_in(browser, *logins["admin"])
    folder = tempfile.mkdtemp()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": folder})
    browser.get(f"{BASE_URL}/dashboards/executive")
    link = browser.find_element(By.CSS_SELECTOR, "a.png-export[data-chart=revenue-by-region]")
    link.click()
    WebDriverWait(browser, 10).until(lambda driver: link.get_attribute("data-exported") == "true")
    path = pathlib.Path(folder) / "revenue-by-region.png"
    deadline = time.time() + 10
    while not path.exists() and time.time() < deadline:
        time.sleep(0.2)
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1280, 600), "twice the chart's 640 × 300 drawing"


def test_exports_open_in_real_readers_with_the_numbers_on_screen(browser, logins):
    sign_in(browser, *logins["admin"])
    query = "from=2026-01-01&to=2026-06-30"
    csv_bytes, headers = fetch(browser, f"/dashboards/executive/tables/revenue-by-region.csv?{query}")
    assert headers["Content-Type"].startswith("text/csv")
    regions = {row[0]: float(row[1]) for row in list(csv.reader(io.StringIO(csv_bytes.decode())))[1:]}
    kpis = urllib.request.urlopen(urllib.request.Request(f"{BASE_URL}/api/v1/analytics/kpis?{query}", headers={
        "Cookie": "; ".join(f"{c['name']}={c['value']}" for c in browser.get_cookies())})).read()
    import json
    assert abs(sum(regions.values()) - json.loads(kpis)["revenue"]) < 0.01, "regions add up to the revenue tile"

    with tempfile.TemporaryDirectory() as folder:
        workbook = pathlib.Path(folder) / "executive.xlsx"
        workbook.write_bytes(fetch(browser, f"/dashboards/executive/export.xlsx?{query}")[0])
        subprocess.run(["libreoffice", "--headless", "--convert-to", "csv", "--outdir", folder, str(workbook)],
                       check=True, capture_output=True, timeout=120)
        first_sheet = list(csv.reader((pathlib.Path(folder) / "executive.csv").read_text().splitlines()))
        assert first_sheet[0] == ["Rep", "Revenue", "Sales", "Average sale"]
        assert len(first_sheet) > 2 and float(first_sheet[1][1]) > 0

        report = pathlib.Path(folder) / "executive.pdf"
        report.write_bytes(fetch(browser, f"/dashboards/executive/report.pdf?{query}")[0])
        info = subprocess.run(["pdfinfo", str(report)], check=True, capture_output=True, text=True).stdout
        assert int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:"))) >= 2
        text = subprocess.run(["pdftotext", "-layout", str(report), "-"], check=True, capture_output=True, text=True).stdout
        assert "Executive overview" in text and "Revenue by region" in text and "Top reps" in text
