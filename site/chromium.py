"""The headless Chromium that the tests and site/slideshow.py drive: its path and its flags."""
CHROMIUM = '/usr/bin/chromium'
# offline: without these, Chromium's background connections fail on a machine with no network
FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--no-first-run']
