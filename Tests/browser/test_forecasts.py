"""Forecasts and insights in the browser: a manager reads the months ahead by region, opens the
sales behind a past month, and follows an insight to its records; both pages fit a phone."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import BASE_URL
from helpers import both_widths, sign_in


def test_a_manager_reads_the_forecast_and_opens_a_past_month(browser, logins, artifacts):
    sign_in(browser, *logins["manager"])
    browser.get(f"{BASE_URL}/forecasts")
    Select(browser.find_element(By.ID, "filter-by")).select_by_visible_text("By region")
    Select(browser.find_element(By.ID, "filter-horizon")).select_by_visible_text("3")
    browser.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "by=region" in driver.current_url)
    cards = browser.find_elements(By.CSS_SELECTOR, ".forecast-card")
    assert cards, "the demo manager's team sells in at least one region"
    rows = cards[0].find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) == 3, "three months ahead"
    assert "–" in rows[0].find_elements(By.TAG_NAME, "td")[2].text, "each month has its range"
    both_widths(browser, artifacts, "forecasts-by-region")
    cards = browser.find_elements(By.CSS_SELECTOR, ".forecast-card")
    months = [link for link in cards[0].find_elements(By.CSS_SELECTOR, "svg a")
              if link.find_element(By.CSS_SELECTOR, "title").get_attribute("textContent").startswith("Actual")]
    assert months, "every past month links to its records"
    title = months[-1].find_element(By.CSS_SELECTOR, "title").get_attribute("textContent")
    months[-1].click()
    WebDriverWait(browser, 10).until(lambda driver: "/sales?" in driver.current_url)
    assert "soldOnFrom=" in browser.current_url and "regionId=" in browser.current_url
    if not title.endswith(": $0"):
        assert browser.find_elements(By.CSS_SELECTOR, "table tbody tr"), f"'{title}' opened an empty list"


def test_insights_open_their_records_and_fit_a_phone(browser, logins, artifacts):
    sign_in(browser, *logins["admin"])
    browser.get(f"{BASE_URL}/insights")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Insights"
    both_widths(browser, artifacts, "insights")
    trend = browser.find_element(By.CSS_SELECTOR, "#trends li a")
    assert trend.text.startswith("Revenue in ")
    trend.click()
    WebDriverWait(browser, 10).until(lambda driver: "/sales?" in driver.current_url)
    assert browser.find_elements(By.CSS_SELECTOR, "table tbody tr")
