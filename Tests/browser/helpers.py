"""Steps the browser tests share."""
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from conftest import BASE_URL


def wait_for_path(browser, path):
    """Form posts navigate asynchronously; wait for the page that answers them."""
    WebDriverWait(browser, 10).until(lambda driver: driver.current_url.split("?")[0].endswith(path))


def wait_for_heading(browser, text):
    """Wait for the page whose heading names `text`; the heading read may belong to the page
    being replaced, which is then read again (Chromium reports that either as a stale element
    or as a node that "does not belong to the document")."""
    WebDriverWait(browser, 10, ignored_exceptions=(StaleElementReferenceException, WebDriverException)).until(
        lambda driver: text in driver.find_element(By.TAG_NAME, "h1").text)


def sign_in(browser, email, password):
    browser.get(f"{BASE_URL}/login")
    browser.find_element(By.ID, "email").send_keys(email)
    browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "form[action='/login'] button[type=submit]").click()
    WebDriverWait(browser, 10).until(lambda driver: "/login" not in driver.current_url or driver.find_elements(By.CSS_SELECTOR, "[role=alert]"))


def has_no_horizontal_overflow(browser):
    return browser.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")


def both_widths(browser, artifacts, name):
    """Screenshots at a laptop's and a phone's width; the phone page must not scroll sideways."""
    browser.set_window_size(1400, 1000)
    browser.refresh()
    browser.save_screenshot(str(artifacts / f"{name}-1400.png"))
    browser.set_window_size(390, 844)
    browser.refresh()
    assert has_no_horizontal_overflow(browser), name
    browser.save_screenshot(str(artifacts / f"{name}-390.png"))
    browser.set_window_size(1400, 1000)


def download(browser, link):
    """Fetches a link with the page's session: [status, content type, size in bytes]."""
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.arrayBuffer().then(b => done([r.status, r.headers.get('content-type'), b.byteLength])));",
        link)
