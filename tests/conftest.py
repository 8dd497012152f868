"""The tests' fixtures and settings: the tiers, an OpenMP wait policy, one headless Chromium, the
built website, the student editions and the VGG-19 that several modules share (helpers.py holds
the shared functions).

Tiers (tests/README.md gives their commands and times): ``-m "not slow and not browser"`` is the
quick tier of the edit-test loop; ``slow`` marks what executes notebooks, starts kernels or
Python processes, or trains for seconds; ``browser`` what drives headless Chromium.
"""
import functools
import http.server
import os
import subprocess
import threading

import pytest

from chromium import CHROMIUM, FLAGS  # site/chromium.py
from helpers import ROOT

# PyTorch's OpenMP threads wait for each other by spinning; where another process is busy too,
# a small CPU test then crawls (test_style_transfer's agreement test: 24 s, passive: 3.9 s, on 2
# cores at load 5). conftest.py runs before torch is imported; the kernels of the tests inherit it.
os.environ.setdefault('OMP_WAIT_POLICY', 'PASSIVE')
# The kernels the tests start inherit the environment, and ipykernel draws figures inline only
# where MPLBACKEND is unset: a headless server's MPLBACKEND=Agg would leave their cells without
# figures. Removed, the kernels draw as a student's do, and this process falls back to Agg itself.
os.environ.pop('MPLBACKEND', None)


def pytest_collection_modifyitems(items):
    """nbval's items, the cells of the chapters under notebooks/, execute a chapter: ``slow``.
    The tests that ``helpers.run_last`` marks go to the end of the run, in their order."""
    for item in items:
        if item.path.suffix == '.ipynb':
            item.add_marker(pytest.mark.slow)
    last = [item for item in items if getattr(getattr(item, 'function', None), 'run_last', False)]
    for item in last:
        items.remove(item)
    items.extend(last)


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


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves a folder without logging every request."""

    def log_message(self, *args):
        pass


@pytest.fixture(scope='session')
def site():
    """Build the website once (scripts/build-site.sh), serve it on 127.0.0.1, yield its address."""
    build = subprocess.run(['bash', 'scripts/build-site.sh'], cwd=ROOT, capture_output=True,
                           text=True)
    assert build.returncode == 0, f'scripts/build-site.sh failed:\n{build.stdout}\n{build.stderr}'
    handler = functools.partial(QuietHandler, directory=ROOT / '_build' / 'html')
    with http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield f'http://127.0.0.1:{server.server_address[1]}'
        server.shutdown()


@pytest.fixture(scope='session')
def student_editions(tmp_path_factory):
    """The folder where ``scripts/student-edition.sh`` wrote every chapter's student edition, once
    per run: tests/test_student_edition.py reads them, tests/test_browser.py runs copies of them."""
    folder = tmp_path_factory.mktemp('student')
    run = subprocess.run(['bash', 'scripts/student-edition.sh', str(folder)], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, f'scripts/student-edition.sh failed:\n{run.stdout}\n{run.stderr}'
    return folder


@pytest.fixture(scope='session')
def vgg19():
    """The pretrained VGG-19 (frozen, in eval mode), loaded once for every test that reads it."""
    import d2lmini as d2l
    return d2l.pretrained_vgg19()


@pytest.fixture(scope='session')
def vgg(vgg19):
    """VGG-19's layers up to the deepest one that chapter 02's losses read."""
    from d2lmini.chapters.style_transfer import content_layers, style_layers
    return vgg19.features[:max(style_layers + content_layers) + 1]
