"""A rep's and a manager's working day in the browser, without the API: the home list, the
board through to conversion, line items, winning the deal and finding its sale."""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import BASE_URL
from helpers import both_widths, sign_in, wait_for_path


def unlabelled_fields(browser):
    """Visible form fields with no label, aria-label or aria-labelledby."""
    return browser.execute_script("""
      return [...document.querySelectorAll('input, select, textarea')].filter(field => {
        if (field.type === 'hidden' || field.classList.contains('menu-toggle')) return false;
        if (field.getAttribute('aria-label') || field.getAttribute('aria-labelledby')) return false;
        if (field.labels && field.labels.length) return false;
        return true;
      }).map(field => field.outerHTML.slice(0, 120));""")


def add_task(browser, title, due):
    browser.get(f"{BASE_URL}/tasks/new")
    browser.find_element(By.ID, "field-title").send_keys(title)
    browser.execute_script("arguments[0].value = arguments[1]", browser.find_element(By.ID, "field-dueAt"), due)
    browser.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "Saved." in driver.page_source)


def work_item(browser, title):
    items = [item for item in browser.find_elements(By.CSS_SELECTOR, ".work-item") if title in item.text]
    return items[0] if items else None


def test_a_rep_works_the_home_list(browser, logins, artifacts):
    sign_in(browser, *logins["rep"])
    stamp = int(time.time() * 1000)
    done, later = f"Send the quote {stamp}", f"Call back {stamp}"
    add_task(browser, done, "2020-01-06T09:00")
    add_task(browser, later, "2020-01-06T10:00")
    browser.get(f"{BASE_URL}/")
    assert "Overdue" in work_item(browser, done).text
    assert unlabelled_fields(browser) == []
    both_widths(browser, artifacts, "home-rep")

    # tick one done: it leaves the list and the page says so
    work_item(browser, done).find_element(By.CSS_SELECTOR, "button.tick-button").click()
    WebDriverWait(browser, 10).until(lambda driver: "Done: " in driver.page_source)
    assert work_item(browser, done) is None
    # move the other to tomorrow: it is no longer overdue, so it leaves today's list
    work_item(browser, later).find_element(By.CSS_SELECTOR, "button[value=tomorrow]").click()
    WebDriverWait(browser, 10).until(lambda driver: "Moved " in driver.page_source)
    assert work_item(browser, later) is None


def test_a_lead_goes_from_the_board_to_a_won_deal_with_its_sale(browser, logins, artifacts):
    sign_in(browser, *logins["rep"])
    name = f"Journey Lead {int(time.time() * 1000)}"
    browser.get(f"{BASE_URL}/leads/new")
    browser.find_element(By.ID, "field-name").send_keys(name)
    browser.find_element(By.ID, "field-company").send_keys(f"{name} Ltd")
    browser.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "Saved." in driver.page_source)

    # through the board's move menu, which preselects nothing, to Qualified
    for target in ("contacted", "qualified"):
        browser.get(f"{BASE_URL}/leads/board")
        card = [card for card in browser.find_elements(By.CSS_SELECTOR, "[data-card]") if name in card.text][0]
        menu = Select(card.find_element(By.CSS_SELECTOR, "select[name=to]"))
        assert menu.first_selected_option.get_attribute("value") == ""
        menu.select_by_value(target)
        card.find_element(By.CSS_SELECTOR, "form.move button").click()
        WebDriverWait(browser, 10).until(lambda driver: driver.current_url.endswith("/leads/board"))

    # the qualified card converts, and conversion lands on the new deal
    browser.get(f"{BASE_URL}/leads/board")
    card = [card for card in browser.find_elements(By.CSS_SELECTOR, "[data-card]") if name in card.text][0]
    card.find_element(By.CSS_SELECTOR, "a.convert").click()
    wait_for_path(browser, "/convert")
    browser.find_element(By.CSS_SELECTOR, "form[action$='/convert'] button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "/opportunities/" in driver.current_url)
    deal_url = browser.current_url.split("?")[0]

    # a line item sets the amount; Won records the sale, linked from the deal
    Select(browser.find_element(By.ID, "line-product")).select_by_index(0)
    quantity = browser.find_element(By.ID, "line-quantity")
    quantity.clear()
    quantity.send_keys("3")
    browser.find_element(By.CSS_SELECTOR, "form[action$='/lines'] button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "Saved." in driver.page_source)
    grand_total = browser.find_element(By.CSS_SELECTOR, "[data-grand-total]").text
    amount = [row for row in browser.find_elements(By.CSS_SELECTOR, ".facts dd") if row.text == grand_total]
    assert amount, f"the deal amount follows its lines ({grand_total})"
    assert unlabelled_fields(browser) == []
    both_widths(browser, artifacts, "deal-open")

    # the page before already says "Saved." (the line): wait for the one the click loads
    before = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "button.won").click()
    WebDriverWait(browser, 10).until(expected_conditions.staleness_of(before))
    WebDriverWait(browser, 10).until(lambda driver: "Saved." in driver.page_source)
    assert browser.find_element(By.CSS_SELECTOR, ".stage-path [aria-current=step]").text == "Closed won"
    both_widths(browser, artifacts, "deal-won")
    browser.find_element(By.PARTIAL_LINK_TEXT, "Sale of ").click()
    WebDriverWait(browser, 10).until(lambda driver: "/sales/" in driver.current_url)
    assert grand_total in browser.page_source

    # the account page lists the won deal
    browser.get(deal_url)
    browser.find_element(By.CSS_SELECTOR, ".facts a[href^='/accounts/']").click()
    WebDriverWait(browser, 10).until(lambda driver: "Won and lost deals" in driver.page_source)
    assert name.split(" Lead")[0] in browser.page_source
    both_widths(browser, artifacts, "account")


def test_a_manager_sees_who_is_behind(browser, logins, artifacts):
    sign_in(browser, *logins["manager"])
    wait_for_path(browser, "/")
    assert "Who is behind" in browser.page_source
    assert browser.find_elements(By.CSS_SELECTOR, "svg.meter")
    both_widths(browser, artifacts, "home-manager")
    browser.get(f"{BASE_URL}/models")
    assert "Of 100 leads it expects to have converted" in browser.page_source or "Train" in browser.page_source


def test_search_finds_words_anywhere(browser, logins, artifacts):
    sign_in(browser, *logins["rep"])
    stamp = int(time.time() * 1000)
    browser.get(f"{BASE_URL}/leads/new")
    browser.find_element(By.ID, "field-name").send_keys(f"Search Lead {stamp}")
    browser.find_element(By.ID, "field-company").send_keys(f"The Quokka{stamp} Analytics Group")
    browser.find_element(By.CSS_SELECTOR, "form.record-form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "Saved." in driver.page_source)
    box = browser.find_element(By.ID, "global-search")
    box.send_keys(f"analytics quokka{stamp}\n")
    WebDriverWait(browser, 10).until(lambda driver: f"Search Lead {stamp}" in driver.page_source)
    both_widths(browser, artifacts, "search-found")
    box = browser.find_element(By.ID, "global-search")
    box.clear()
    box.send_keys("zzqx nothing like it\n")
    WebDriverWait(browser, 10).until(lambda driver: "Nothing found for" in driver.page_source)
    both_widths(browser, artifacts, "search-empty")


def test_a_manager_drills_from_a_figure_to_records_that_add_up_to_it(browser, logins, artifacts):
    sign_in(browser, *logins["manager"])
    browser.get(f"{BASE_URL}/dashboards/executive")
    tile = [tile for tile in browser.find_elements(By.CSS_SELECTOR, ".tile a") if tile.find_element(By.CSS_SELECTOR, ".tile-label").text == "Revenue"][0]
    figure = float(tile.find_element(By.CSS_SELECTOR, ".tile-value").text.replace("$", "").replace(",", ""))
    tile.click()
    WebDriverWait(browser, 10).until(lambda driver: "/sales" in driver.current_url)
    total = float(browser.find_element(By.CSS_SELECTOR, "[data-match-total]").text.replace(",", ""))
    assert abs(total - figure) < 0.01, (figure, total)
    chips = browser.find_elements(By.CSS_SELECTOR, ".chip")
    assert chips, "the list says which filters it carries"
    both_widths(browser, artifacts, "drill-down-sales")
    # removing a filter chip widens the list
    count = int(browser.find_element(By.CSS_SELECTOR, "[data-match-count]").get_attribute("data-match-count"))
    browser.find_elements(By.CSS_SELECTOR, ".chip a")[0].click()
    WebDriverWait(browser, 10).until(lambda driver: len(driver.find_elements(By.CSS_SELECTOR, ".chip")) == len(chips) - 1)
    assert int(browser.find_element(By.CSS_SELECTOR, "[data-match-count]").get_attribute("data-match-count")) >= count
