"""Browser tests: a real SalesPulse server on loopback, driven by headless Chromium.

The server is started by .ci/run (or by hand) and named by SALESPULSE_URL; the demo logins
printed by `seed-demo` are read from SALESPULSE_LOGINS.
"""
import os
import pathlib

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

BASE_URL = os.environ.get("SALESPULSE_URL", "http://127.0.0.1:8091")
ARTIFACTS = pathlib.Path(os.environ.get("SALESPULSE_ARTIFACTS", "artifacts/screenshots"))


def read_logins():
    """{role: (email, password)} from the lines seed-demo prints: '  role  email  password'."""
    logins = {}
    path = os.environ.get("SALESPULSE_LOGINS", "logins.txt")
    for line in pathlib.Path(path).read_text().splitlines():
        parts = line.split()
        if len(parts) == 3 and "@" in parts[1] and parts[0] not in logins:
            logins[parts[0]] = (parts[1], parts[2])
    return logins


@pytest.fixture(scope="session")
def logins():
    found = read_logins()
    assert set(found) == {"admin", "manager", "rep", "viewer"}, found
    return found


@pytest.fixture()
def browser():
    options = webdriver.ChromeOptions()
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(flag)
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.implicitly_wait(2)
    yield driver
    driver.quit()


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
