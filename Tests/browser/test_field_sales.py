"""Field sales in the browser: a rep on a phone picks accounts, starts from where the phone is,
gets an ordered day on a map and checks in at the first visit; a manager reads the coverage
of the team's territory."""
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import BASE_URL
from helpers import both_widths, has_no_horizontal_overflow, sign_in


def share_position(browser, latitude, longitude):
    """The phone lets the page know where it is: here, a street away from the first customer."""
    browser.execute_cdp_cmd("Browser.grantPermissions", {"origin": BASE_URL, "permissions": ["geolocation"]})
    browser.execute_cdp_cmd(
        "Emulation.setGeolocationOverride", {"latitude": latitude, "longitude": longitude, "accuracy": 10})


def test_a_rep_plans_the_day_on_a_phone_and_checks_in(browser, logins, artifacts):
    sign_in(browser, *logins["rep"])
    browser.set_window_size(390, 844)
    browser.get(f"{BASE_URL}/routes")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Plan my visits"
    boxes = browser.find_elements(By.CSS_SELECTOR, ".pick-list input[type=checkbox]")
    assert len(boxes) >= 5, "the demo rep has accounts with a location"
    for box in boxes:
        if box.is_selected():
            browser.execute_script("arguments[0].click()", box)
    for box in boxes[:5]:
        browser.execute_script("arguments[0].click()", box)
    latitude = round(float(boxes[0].get_attribute("data-latitude")) + 0.002, 6)
    longitude = float(boxes[0].get_attribute("data-longitude"))
    share_position(browser, latitude, longitude)

    browser.find_element(By.CSS_SELECTOR, "button[data-geolocate]").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_element(By.ID, "startLatitude").get_attribute("value"))
    assert float(browser.find_element(By.ID, "startLatitude").get_attribute("value")) == latitude
    assert browser.find_element(By.ID, "start").get_attribute("value") == "here"
    browser.find_element(By.CSS_SELECTOR, "form.route-form button[type=submit]").click()

    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, ".route-stop"))
    stops = browser.find_elements(By.CSS_SELECTOR, ".route-stop")
    assert len(stops) == 5
    assert "Your route for" in browser.page_source and "No shorter order exists." in browser.page_source
    assert browser.find_elements(By.CSS_SELECTOR, ".map-frame svg polyline")
    assert all(link.get_attribute("href").startswith("geo:") for link in browser.find_elements(By.LINK_TEXT, "Open in maps"))
    assert has_no_horizontal_overflow(browser)
    both_widths(browser, artifacts, "route-plan")

    first = browser.find_element(By.CSS_SELECTOR, ".route-stop .stop-name").text
    browser.find_element(By.CSS_SELECTOR, ".route-stop form[data-check-in] button").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, "p.notice"))
    notice = browser.find_element(By.CSS_SELECTOR, "p.notice").text
    assert notice.startswith(f"Checked in at {first},") and "from the customer's address" in notice


def test_a_manager_reads_the_coverage_of_the_team(browser, logins, artifacts):
    sign_in(browser, *logins["manager"])
    browser.get(f"{BASE_URL}/coverage")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Territory coverage"
    rows = browser.find_elements(By.CSS_SELECTOR, "table tbody tr")
    assert rows, "the team's reps are listed"
    assert browser.find_elements(By.CSS_SELECTOR, ".map-frame svg circle")
    assert "not visited for 60 days" in browser.page_source
    both_widths(browser, artifacts, "territory-coverage")


def test_a_rep_picks_accounts_on_the_map_and_gives_one_its_hours(browser, logins, artifacts):
    sign_in(browser, *logins["rep"])
    browser.set_window_size(1400, 1000)
    browser.get(f"{BASE_URL}/routes")
    for box in browser.find_elements(By.CSS_SELECTOR, ".pick-list input[type=checkbox]"):
        if box.is_selected():
            browser.execute_script("arguments[0].click()", box)
    markers = browser.find_elements(By.CSS_SELECTOR, ".map-frame a[href^='/accounts/'] circle")
    assert len(markers) >= 3
    # a tap on a marker ticks its account, a second tap unticks it
    first = markers[0].find_element(By.XPATH, "..").get_dom_attribute("href").rsplit("/", 1)[1]
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))", markers[0])
    assert browser.find_element(By.ID, f"a-{first}").is_selected()
    assert "/routes" in browser.current_url, "the marker picks, it does not open the account"
    browser.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}))", markers[0])
    assert not browser.find_element(By.ID, f"a-{first}").is_selected()
    # a box dragged over the whole map ticks every account on it
    svg = browser.find_element(By.CSS_SELECTOR, ".map-frame svg")
    width, height = svg.size["width"], svg.size["height"]
    ActionChains(browser).move_to_element_with_offset(svg, -width // 2 + 2, -height // 2 + 2).click_and_hold() \
        .move_by_offset(width - 4, height - 4).release().perform()
    picked = [box for box in browser.find_elements(By.CSS_SELECTOR, ".pick-list input[type=checkbox]") if box.is_selected()]
    assert len(picked) == len(markers), f"{len(picked)} of {len(markers)}"
    assert len(browser.find_elements(By.CSS_SELECTOR, ".map-frame a.picked")) == len(markers)
    browser.save_screenshot(f"{artifacts}/routes-picked-on-the-map-1400.png")
    # keep three, the second opening only in the afternoon
    for box in picked[3:]:
        browser.execute_script("arguments[0].click()", box)
    late = picked[1].get_attribute("value")
    hours = picked[1].find_element(By.XPATH, "..").find_element(By.CSS_SELECTOR, "details.hours")
    hours.find_element(By.TAG_NAME, "summary").click()
    browser.execute_script(
        "arguments[0].value = '14:00'; arguments[1].value = '17:00'",
        hours.find_element(By.CSS_SELECTOR, f"input[name='opens[{late}]']"),
        hours.find_element(By.CSS_SELECTOR, f"input[name='closes[{late}]']"))
    browser.find_element(By.CSS_SELECTOR, "form.route-form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, ".route-stop"))
    stops = browser.find_elements(By.CSS_SELECTOR, ".route-stop")
    assert len(stops) == 3
    afternoon = next(stop for stop in stops
                     if stop.find_element(By.CSS_SELECTOR, ".stop-name").get_attribute("href").lower().endswith(late.lower()))
    arrives = afternoon.find_element(By.CSS_SELECTOR, ".stop-time").text.split("–")[0].strip()
    assert arrives >= "14:00", f"the customer who opens at two is seen from two: {arrives}"
    assert not afternoon.find_elements(By.CSS_SELECTOR, ".stop-problem")
    both_widths(browser, artifacts, "routes-with-opening-hours")


def test_a_manager_draws_a_territory_by_tapping_its_corners(browser, logins, artifacts):
    sign_in(browser, *logins["manager"])
    browser.set_window_size(1400, 1000)
    browser.get(f"{BASE_URL}/coverage")
    svg = browser.find_element(By.CSS_SELECTOR, ".map-frame[data-drawable] svg")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", svg)
    # four taps around the middle of the map, on the map itself rather than on a marker
    taps = [(-40, -30), (40, -30), (40, 30), (-40, 30)]
    drawn = browser.execute_script("""
        const svg = arguments[0], taps = arguments[1], box = svg.getBoundingClientRect();
        const inverse = svg.getScreenCTM().inverse(), at = svg.createSVGPoint();
        return taps.map(function (tap) {
          at.x = box.left + box.width / 2 + tap[0];
          at.y = box.top + box.height / 2 + tap[1];
          svg.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true, clientX: at.x, clientY: at.y}));
          const inside = at.matrixTransform(inverse);
          return [inside.x, inside.y];
        });""", svg, taps)
    lines = browser.find_element(By.ID, "territory-corners").get_attribute("value").strip().split("\n")
    assert len(lines) == 4, lines
    corners = [tuple(float(part) for part in line.split(",")) for line in lines]
    assert corners[0][0] > corners[2][0] and corners[0][1] < corners[1][1], "north is up and east is right"
    assert len(browser.find_element(By.CSS_SELECTOR, "polygon.sketch").get_attribute("points").split()) == 4

    browser.find_element(By.ID, "territory-name").send_keys("Browser patch")
    choice = browser.find_element(By.ID, "territory-assignee")
    choice.find_elements(By.TAG_NAME, "option")[1].click()
    browser.find_element(By.CSS_SELECTOR, "form.territory-form button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, "p.notice"))
    assert "The territory is saved" in browser.find_element(By.CSS_SELECTOR, "p.notice").text
    row = next(row for row in browser.find_elements(By.CSS_SELECTOR, "table tbody tr") if "Browser patch" in row.text)
    assert row.find_element(By.CSS_SELECTOR, "td[data-label='For']").text
    # the server draws the area where the taps were
    outline = next(polygon for polygon in browser.find_elements(By.CSS_SELECTOR, ".map-frame svg polygon")
                   if "sketch" not in (polygon.get_attribute("class") or ""))
    points = [tuple(float(value) for value in pair.split(",")) for pair in outline.get_attribute("points").split()]
    for (x, y), (tap_x, tap_y) in zip(points, drawn):
        assert abs(x - tap_x) < 1.5 and abs(y - tap_y) < 1.5, (points, drawn)
    assert has_no_horizontal_overflow(browser)
    both_widths(browser, artifacts, "territory-drawn")

    browser.execute_script("window.confirm = function () { return true; }")
    row = next(row for row in browser.find_elements(By.CSS_SELECTOR, "table tbody tr") if "Browser patch" in row.text)
    row.find_element(By.CSS_SELECTOR, "form[action$='/remove'] button").click()
    # the page still says "saved" until the next one replaces it
    WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException,)).until(
        lambda driver: "The territory is removed" in driver.find_element(By.CSS_SELECTOR, "p.notice").text)
    assert "Browser patch" not in browser.page_source
