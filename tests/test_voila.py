"""Classroom mode: each demo in ``demos/`` as a Voilà app, driven in headless Chromium.

The server is started exactly as the README says (``scripts/classroom.sh``, all demos on one
port). For every demo the test opens its page and checks what the class would see:

- the app appears (its first control, time printed: the target is 15 s on a 2-core CPU) and
  no code is shown;
- moving its first slider and pressing its first button changes what it shows, and the
  action finishes;
- nothing goes wrong on the way: no request leaves the machine (it is aborted and reported),
  no failed request, no error in the page's console, no error or stderr text from the kernel
  (a widget callback that raises lands there, invisible to the class), no error output on
  the page, nothing alarming in the server's log.

Two stand-in apps check the checks: a clean one passes, broken ones (a callback that raises
and an image from a CDN; a cell that raises) are caught. Voilà's stock page links Font Awesome
from a CDN (voila-dashboards/voila#539); a strict xfail test tells when it no longer does.
Screenshots, the server logs and the measured times are saved under ``artifacts/voila/``; the
README's screenshots are copies of those.
"""
import io
import json
import os
import re
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest
from PIL import Image

import servers

ROOT = Path(__file__).parents[1]
DEMOS = sorted((ROOT / 'demos').glob('*.ipynb'))
ARTIFACTS = ROOT / 'artifacts' / 'voila'
APP_TIMEOUT_MS = 300_000  # the target is 15 s; this only bounds a broken or starved run
ACTION_TIMEOUT_S = 600
# server-log lines that are expected: Voilà runs the notebook itself, so its signature does not
# matter, and the kernel talks to the server over the loopback interface only
BENIGN = ('is not trusted', 'running over TCP without encryption')
ALARMING = re.compile(r'Traceback|ERROR|CRITICAL|WARNING|Exception|Error\b')
# kernel stderr that is expected: the widget manager's shortcut through the jupyter.widget.control
# comm, which ipywidgets falls back from (harmless, says ipywidgets issue 3525)
HARMLESS = re.compile(r'No such comm: [\w-]+\s*$')
CONTROLS = '#rendered_cells .widget-slider, #rendered_cells button.widget-button'

sync_api = pytest.importorskip(
    'playwright.sync_api', reason='Playwright for Python is missing: bash scripts/install.sh test')

# What the app shows (outputs, HTML, every image), not its controls; and what the page
# shows that it must not: code, error outputs, widgets rendered as text.
PAGE_SCRIPT = r"""
(() => {
  const hash = s => { let h = 0;
                      for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
                      return s.length + ':' + h; };
  let changed = 0;
  new MutationObserver(() => { changed = performance.now(); })
    .observe(document, {childList: true, subtree: true, attributes: true, characterData: true});
  const cells = () => document.querySelector('#rendered_cells');
  window.e2e = {
    quiet: ms => performance.now() - changed > ms,
    shows: () =>
      [...cells().querySelectorAll('.widget-output, .widget-html')].map(e => e.innerText).join('\n')
      + [...cells().querySelectorAll('img')].map(img => hash(img.getAttribute('src') || '')).join(),
    text: () => cells().innerText,
    editors: () =>
      cells().querySelectorAll('.jp-CodeCell .jp-InputArea, .cm-editor, .CodeMirror').length,
    errors: () => [...cells().querySelectorAll(
        '[data-mime-type="application/vnd.jupyter.stderr"], [data-mime-type*="error"]')]
      .map(e => e.innerText.slice(-500)),
    unrendered: () => [...cells().querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText)
      .filter(t => /^[A-Z]\w*\((children|description|value|layout|outputs)=|Error displaying widget/
                   .test(t)),
  };
})();
"""


class Classroom:
    """``scripts/classroom.sh`` (or ``command``) serving ``target`` on a free local port."""

    def __init__(self, target, log_name, command=('bash', str(ROOT / 'scripts' / 'classroom.sh'))):
        self.url = f'http://127.0.0.1:{servers.free_port()}'
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        self.log_path = ARTIFACTS / log_name
        self.log = open(self.log_path, 'w')
        self.read = 0
        self.process = subprocess.Popen(
            [*command, str(target), '--no-browser', f'--port={self.url.rsplit(":", 1)[1]}',
             '--Voila.port_retries=0'],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 120
        while not self.answers():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                pytest.fail(f'Voilà did not start, see {self.log_path}')
            time.sleep(0.5)

    def answers(self):
        try:
            port = int(self.url.rsplit(':', 1)[1])
            with socket.create_connection(('127.0.0.1', port), timeout=1):
                return True
        except OSError:
            return False

    def new_log(self):
        """The server's log since the last call."""
        text = self.log_path.read_text(errors='replace')
        new, self.read = text[self.read:], len(text)
        return new

    def close(self):
        servers.stop(self.process, self.log)


def kernel_message(payload):
    """``(msg_type, content)`` of an iopub message in a websocket frame, else None.

    Frames are JSON text or, in the binary protocol (v1.kernel.websocket.jupyter.org), a
    count of offsets, the offsets and the parts: channel, header, parent header, metadata,
    content, buffers.
    """
    try:
        if isinstance(payload, str):
            msg = json.loads(payload)
            if msg.get('channel') == 'iopub':
                return msg['header']['msg_type'], msg['content']
            return None
        n = int.from_bytes(payload[:8], 'little')
        offsets = [int.from_bytes(payload[8 * i:8 * i + 8], 'little') for i in range(1, n + 1)]
        parts = [payload[a:b] for a, b in zip(offsets, offsets[1:])]
        if parts[0] != b'iopub':
            return None
        return json.loads(parts[1])['msg_type'], json.loads(parts[4])
    except (ValueError, KeyError, IndexError, TypeError):
        return None


class Watch:
    """Everything that goes wrong in a page, and the kernel's state as its messages tell."""

    def __init__(self, page):
        self.problems = []
        self.state, self.busy = 'idle', 0
        page.route('**/*', self.route)
        page.on('requestfailed',
                lambda r: self.problems.append(f'request failed: {r.url} ({r.failure})')
                if self.local(r.url) else None)
        page.on('response', lambda r: self.problems.append(f'HTTP {r.status} for {r.url}')
                if r.status >= 400 else None)
        page.on('console', lambda m: self.problems.append(f'console error: {m.text[:500]}')
                if m.type == 'error' else None)
        page.on('pageerror', lambda e: self.problems.append(f'page error: {e}'))
        page.on('websocket', lambda ws: ws.on('framereceived', self.frame))

    @staticmethod
    def local(url):
        return (not url.startswith('http')
                or urlparse(url).hostname in ('127.0.0.1', 'localhost', '::1'))

    def route(self, route):
        if self.local(route.request.url):
            route.continue_()
        else:
            self.problems.append(f'request leaves the machine: {route.request.url}')
            route.abort()

    def frame(self, payload):
        message = kernel_message(payload)
        if message is None:
            return
        kind, content = message
        if kind == 'status':
            self.state = content['execution_state']
            self.busy += self.state == 'busy'
        elif kind == 'error':
            self.problems.append(f'the kernel raised {content["ename"]}: {content["evalue"]}')
        elif (kind == 'stream' and content['name'] == 'stderr'
              and not HARMLESS.match(content['text'])):
            self.problems.append(f'the kernel wrote to stderr: {content["text"][-500:]}')


def wait_until_done(page, watch, busy_before):
    """Wait until the kernel has been busy since ``busy_before``, is idle and the page is still."""
    deadline = time.monotonic() + ACTION_TIMEOUT_S
    while not (watch.busy > busy_before and watch.state == 'idle'
               and page.evaluate('e2e.quiet(2000)')):
        if time.monotonic() > deadline:
            return f'the action did not finish within {ACTION_TIMEOUT_S} s'
        page.wait_for_timeout(250)
    return None


def code_lines(notebook):
    nb = nbformat.read(notebook, as_version=4)
    return [line.strip() for c in nb.cells if c.cell_type == 'code'
            for line in c.source.splitlines() if len(line.strip()) > 6]


def save_screenshot(page, path):
    """The whole app (the page scrolls inside itself), as a small 256-colour PNG."""
    height = page.evaluate('document.querySelector("#rendered_cells")?.scrollHeight || 0')
    page.set_viewport_size({'width': 1280, 'height': min(max(height + 40, 800), 2400)})
    image = Image.open(io.BytesIO(page.screenshot())).convert('RGB')
    image.quantize(256).save(path, optimize=True)


def try_app(server, browser, notebook):
    """Open ``notebook``'s app, use it; return (problems, seconds to its first control or None)."""
    page = browser.new_page()
    page.add_init_script(PAGE_SCRIPT)
    watch = Watch(page)
    problems, seconds = watch.problems, None
    try:
        start = time.monotonic()
        page.goto(f'{server.url}/voila/render/{notebook.name}', timeout=APP_TIMEOUT_MS)
        page.wait_for_selector('#rendered_cells', state='visible', timeout=APP_TIMEOUT_MS)
        try:  # the widgets render once the page has connected to the kernel
            page.wait_for_selector(CONTROLS, timeout=60_000)
            seconds = time.monotonic() - start
        except sync_api.TimeoutError:
            problems.append('the app shows no slider and no button')
        text = page.evaluate('e2e.text()')
        problems += [f'code is shown: {line}' for line in code_lines(notebook) if line in text]
        if page.evaluate('e2e.editors()'):
            problems.append('a code cell or editor is shown')
        if 'There was an error when executing cell' in text:
            problems.append('a cell raised while Voilà ran the notebook')

        handle = page.locator('#rendered_cells .noUi-handle').first
        button = page.locator('#rendered_cells button.widget-button:not([disabled])').first
        before, busy = page.evaluate('e2e.shows()'), watch.busy
        if handle.count():
            at_max = handle.get_attribute('aria-valuenow') == handle.get_attribute('aria-valuemax')
            handle.press('ArrowLeft' if at_max else 'ArrowRight')
        if button.count():
            button.click()
        if seconds is not None:
            try:
                page.wait_for_function('before => e2e.shows() !== before', arg=before,
                                       timeout=120_000)
            except sync_api.TimeoutError:
                problems.append('moving the slider and pressing the button changed nothing'
                                ' it shows')
            problems += filter(None, [wait_until_done(page, watch, busy)])
        problems += [f'error output on the page: {text}' for text in page.evaluate('e2e.errors()')]
        problems += [f'widget shown as text: {text[:200]}'
                     for text in page.evaluate('e2e.unrendered()')]
    finally:
        save_screenshot(page, ARTIFACTS / f'voila-{notebook.stem}.png')
        page.close()
    time.sleep(1)  # the server logs the kernel's shutdown
    problems += [f'server log: {line}' for line in server.new_log().splitlines()
                 if ALARMING.search(line) and not any(b in line for b in BENIGN)]
    return problems, seconds


@pytest.fixture(scope='module')
def classroom(browser):
    server = Classroom(ROOT / 'demos', 'classroom.log')
    yield server
    server.close()


def test_one_demo_per_chapter_without_outputs():
    assert [p.stem for p in DEMOS] == [p.stem for p in sorted((ROOT / 'notebooks').glob('*.ipynb'))]
    for path in DEMOS:
        nb = nbformat.read(path, as_version=4)
        code = [c for c in nb.cells if c.cell_type == 'code']
        assert all(c.outputs == [] and c.execution_count is None for c in code)


def test_every_demo_has_a_small_screenshot():
    for path in DEMOS:
        shot = ROOT / 'img' / 'screenshots' / f'voila-{path.stem}.png'
        assert shot.is_file() and shot.stat().st_size < 300_000, shot


@pytest.mark.browser
@pytest.mark.parametrize('notebook', DEMOS, ids=lambda p: p.stem)
def test_demo_runs_as_a_classroom_app(browser, classroom, notebook, capsys):
    problems, seconds = try_app(classroom, browser, notebook)
    mode = 'quick mode' if os.environ.get('D2LMINI_QUICK') == '1' else 'full fidelity'
    line = f'{notebook.stem}: first control after {seconds:.1f} s ({mode})' if seconds else ''
    if line:
        with capsys.disabled():
            print(f'\n[voila] {line}')
        with open(ARTIFACTS / 'time-to-first-control.txt', 'a') as f:
            f.write(f'{time.strftime("%Y-%m-%d %H:%M")} {line}\n')
    assert not problems, f'{notebook.name} in Voilà:\n' + '\n'.join(problems)


STANDIN = """import ipywidgets as widgets
from IPython.display import HTML, display
slider = widgets.IntSlider(value=3, min=0, max=10, description='Sayı')
button = widgets.Button(description='Çiz', icon='check')
out = widgets.Output()
def draw(_=None):
    with out:
        out.clear_output()
        print('kare:', slider.value ** 2)
button.on_click(draw)
out.append_stdout('kare: 9')  # not draw(): a capture while Voilà builds an app can hang it
"""
BROKEN = {
    'temiz': STANDIN + 'widgets.VBox([slider, button, out])',
    'geri-cagirim-hatasi': STANDIN + """button.on_click(lambda _: 1 / 0)
display(HTML('<img src="https://cdn.jsdelivr.net/npm/x/y.png">'))
widgets.VBox([slider, button, out])""",
    'hucre-hatasi': STANDIN + """display(widgets.VBox([slider, button, out]))
raise ValueError("bozuk")""",
}


@pytest.fixture(scope='module')
def standins(tmp_path_factory):
    folder = tmp_path_factory.mktemp('standins')
    for name, source in BROKEN.items():
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
        nb.metadata['kernelspec'] = {'name': 'python3', 'display_name': 'Python 3',
                                     'language': 'python'}
        nbformat.write(nb, folder / f'{name}.ipynb')
    return folder


@pytest.mark.browser
def test_the_checks_pass_a_clean_app_and_catch_broken_ones(browser, standins):
    server = Classroom(standins, 'standins.log')
    try:
        clean, seconds = try_app(server, browser, standins / 'temiz.ipynb')
        callback, _ = try_app(server, browser, standins / 'geri-cagirim-hatasi.ipynb')
        cell, _ = try_app(server, browser, standins / 'hucre-hatasi.ipynb')
    finally:
        server.close()
    assert clean == [] and seconds is not None
    assert any('ZeroDivisionError' in p for p in callback), callback
    assert any('leaves the machine: https://cdn.jsdelivr.net/' in p for p in callback), callback
    assert any('a cell raised' in p for p in cell), cell
    assert any('server log' in p and 'ValueError' in p for p in cell), cell


@pytest.mark.browser
@pytest.mark.xfail(strict=True, raises=AssertionError, reason=(
    "upstream: Voilà's stock page links Font Awesome from a CDN (voila-dashboards/voila#539). "
    'When this passes (strict: the suite goes red), the template scripts/voila/templates/sinif '
    'may stop leaving out external stylesheets.'))
def test_voilas_stock_page_fetches_nothing_from_a_cdn(browser, standins):
    stock = (str(ROOT / '.venv' / 'bin' / 'voila'), '--template=lab', '--Voila.ip=127.0.0.1')
    server = Classroom(standins, 'stock-template.log', stock)
    try:
        problems, _ = try_app(server, browser, standins / 'temiz.ipynb')
    finally:
        server.close()
    assert not [p for p in problems if 'leaves the machine' in p], problems
