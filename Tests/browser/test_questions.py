"""Questions in words in the browser: a rep asks from the search box, reads what was understood,
opens the same records in the list; a manager's breakdown draws bars that open their records;
nonsense gets questions to try; the page fits a phone."""
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import BASE_URL
from helpers import both_widths, sign_in


def question_box_reads(text):
    """The page answers again by loading itself: the box read may be the one being replaced."""
    def check(driver):
        try:
            return driver.find_element(By.ID, "ask-q").get_attribute("value") == text
        except StaleElementReferenceException:
            return False
    return check


def test_a_rep_asks_from_the_search_box_and_opens_the_list(browser, logins, artifacts):
    sign_in(browser, *logins["rep"])
    box = browser.find_element(By.ID, "global-search")
    box.send_keys("my open deals", Keys.ENTER)
    WebDriverWait(browser, 10).until(lambda driver: "/search" in driver.current_url)
    browser.find_element(By.LINK_TEXT, "See the answer with its records").click()
    WebDriverWait(browser, 10).until(lambda driver: "/ask" in driver.current_url)
    answer = browser.find_element(By.CSS_SELECTOR, "#answer h2").text
    chips = [" ".join(chip.text.replace("×", "").split()) for chip in browser.find_elements(By.CSS_SELECTOR, "#answer .chip")]
    assert "Owner you" in chips and "Stage open" in chips, chips
    count = int(answer.split(" ")[0].replace(",", "")) if answer[0].isdigit() else 0
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


def test_a_manager_refines_the_answer_through_its_chips(browser, logins, artifacts):
    sign_in(browser, *logins["manager"])
    browser.get(f"{BASE_URL}/ask?q=open+deals+closing+this+quarter")
    first = browser.find_element(By.CSS_SELECTOR, "#answer h2").text
    # another kind of answer: the page answers again as soon as the choice changes
    Select(browser.find_element(By.NAME, "show")).select_by_visible_text("By rep")
    WebDriverWait(browser, 10).until(question_box_reads("open deals by rep closing this quarter"))
    assert browser.find_elements(By.CSS_SELECTOR, ".chart-frame svg a"), "the breakdown draws its bars"
    both_widths(browser, artifacts, "ask-refined-by-rep")
    # a condition dropped: every stage, won and lost too
    browser.find_element(By.CSS_SELECTOR, "button[aria-label='Remove Stage']").click()
    WebDriverWait(browser, 10).until(question_box_reads("deals by rep closing this quarter"))
    assert not browser.find_elements(By.CSS_SELECTOR, "button[aria-label='Remove Stage']")
    # any time, back to a list
    Select(browser.find_element(By.NAME, "when")).select_by_visible_text("Any time")
    WebDriverWait(browser, 10).until(question_box_reads("deals by rep"))
    Select(browser.find_element(By.NAME, "show")).select_by_visible_text("How many")
    WebDriverWait(browser, 10).until(question_box_reads("how many deals"))
    assert browser.find_element(By.CSS_SELECTOR, "#answer h2").text != first


def test_the_header_box_offers_recent_questions_as_you_type(browser, logins):
    sign_in(browser, *logins["rep"])
    browser.get(f"{BASE_URL}/ask?q=my+tasks+due+next+week")
    browser.get(f"{BASE_URL}/leads")
    browser.find_element(By.ID, "global-search").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, "#global-ideas option"))
    ideas = [option.get_attribute("value") for option in browser.find_elements(By.CSS_SELECTOR, "#global-ideas option")]
    assert ideas[0] == "my tasks due next week" and "my open deals" in ideas, ideas


def test_nonsense_gets_questions_to_try(browser, logins):
    sign_in(browser, *logins["viewer"])
    browser.get(f"{BASE_URL}/ask?q=what+is+the+weather")
    tries = browser.find_elements(By.CSS_SELECTOR, "#answer li a")
    assert len(tries) == 3
    tries[0].click()
    WebDriverWait(browser, 10).until(lambda driver: browser.find_elements(By.CSS_SELECTOR, "#answer .chip"))
