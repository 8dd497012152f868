"""What the browser tests (JupyterLab, Voilà, the website) share: one headless Debian Chromium."""
import os

import pytest

CHROMIUM = '/usr/bin/chromium'
# offline: without these, Chromium's background connections fail on a machine with no network
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--no-first-run']


@pytest.fixture(scope='module')
def browser(tmp_path_factory):
    """A Playwright context of headless Chromium (1280 x 900), one per test module."""
    sync_api = pytest.importorskip(
        'playwright.sync_api',
        reason='Playwright for Python is missing: bash scripts/install.sh test')
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f'{CHROMIUM} is missing: apt-get install chromium'
                    ' (or bash scripts/install.sh test)')
    playwright = sync_api.sync_playwright().start()
    try:
        context = playwright.chromium.launch_persistent_context(
            tmp_path_factory.mktemp('chromium-profile'), executable_path=CHROMIUM, headless=True,
            args=FLAGS, viewport={'width': 1280, 'height': 900})
        yield context
        context.close()
    finally:
        playwright.stop()
