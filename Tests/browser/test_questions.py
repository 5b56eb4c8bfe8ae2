"""Questions in words in the browser: a rep asks from the search box, reads what was understood,
opens the same records in the list; a manager's breakdown draws bars that open their records;
nonsense gets questions to try; the page fits a phone."""
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from conftest import BASE_URL
from helpers import both_widths, sign_in


def test_a_rep_asks_from_the_search_box_and_opens_the_list(browser, logins, artifacts):
    sign_in(browser, *logins["rep"])
    box = browser.find_element(By.ID, "global-search")
    box.send_keys("my open deals", Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda driver: "/search" in driver.current_url)
    browser.find_element(By.LINK_TEXT, "See the answer with its records").click()
    WebDriverWait(browser, 10).until(lambda driver: "/ask" in driver.current_url)
    answer = browser.find_element(By.CSS_SELECTOR, "#answer h2").text
    chips = [" ".join(chip.text.split()) for chip in browser.find_elements(By.CSS_SELECTOR, "#answer .chip")]
    assert "Owner you" in chips and "Stage open" in chips, chips
    count = int(answer.split(" ")[0]) if answer[0].isdigit() else 0
    both_widths(browser, artifacts, "ask-my-open-deals")
    browser.find_element(By.LINK_TEXT, "Open these in the list").click()
    WebDriverWait(browser, 10).until(lambda driver: "/opportunities" in driver.current_url)
    rows = browser.find_elements(By.CSS_SELECTOR, "table tbody tr")
    assert count == 0 or rows, "the list shows the deals the answer counted"


def test_a_breakdown_draws_bars_that_open_their_records(browser, logins, artifacts):
    sign_in(browser, *logins["manager"])
    browser.get(f"{BASE_URL}/ask?q=pipeline+by+stage")
    bars = browser.find_elements(By.CSS_SELECTOR, ".chart-frame svg a")
    assert bars, "each stage's bar links to its deals"
    both_widths(browser, artifacts, "ask-pipeline-by-stage")
    bars = browser.find_elements(By.CSS_SELECTOR, ".chart-frame svg a")
    bars[0].click()
    WebDriverWait(browser, 10).until(lambda driver: "/opportunities?" in driver.current_url)
    assert "stage=" in browser.current_url
    assert browser.find_elements(By.CSS_SELECTOR, "table tbody tr")


def test_nonsense_gets_questions_to_try(browser, logins):
    sign_in(browser, *logins["viewer"])
    browser.get(f"{BASE_URL}/ask?q=what+is+the+weather")
    tries = browser.find_elements(By.CSS_SELECTOR, "#answer li a")
    assert len(tries) == 3
    tries[0].click()
    WebDriverWait(browser, 10).until(lambda driver: browser.find_elements(By.CSS_SELECTOR, "#answer .chip"))
