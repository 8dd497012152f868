"""The course as students meet it: JupyterLab in a real (headless) browser.

One JupyterLab server and one Chromium serve every chapter's student edition
(the chapter without its solutions, as students get it for homework; written
once per run by conftest.py's ``student_editions``) in turn, in quick mode. It
is the second and last execution of each chapter in a run of the suite, after
nbval's, and it checks what nbval's does not: the kernels run on another
machine than nbval's (``helpers.ANOTHER_MACHINE``: PyTorch's portable CPU
kernels, which round as a CPU without AVX2 does, and an odd thread count;
issue 27) and in the precision of the fast method's VGG that nbval's run does
not use (``D2LMINI_BF16``; issue 24), and no cell after an exercise needs its
solution. For each edition the test clears the outputs, presses "Restart the
kernel and run all cells" in the toolbar, waits until the kernel is idle and
checks what a student would see:

- no error anywhere: no traceback in a cell or inside a widget, nothing in
  JupyterLab's log console (where exceptions of widget callbacks land), no
  dialog such as "kernel died", every code cell executed;
- every figure a markdown cell links to loads;
- live plots: each ``d2l.Animator`` leaves ONE figure, never a stack of
  frames of the same height, and every figure the kernel updated through
  its display id shows its last frame (JupyterLab drops such updates inside
  an ipywidgets ``Output``). Whether a chapter's plot redraws before its
  cell ends depends on the machine's speed (the first redraw is due
  ``FIRST_REDRAW_AFTER`` seconds in), so the log line lists how long each
  cell with a figure ran and which were redrawn in place; a small live-plot
  notebook, whose points are spaced past that delay, must be redrawn in
  place, in a cell and in an ipywidgets ``Output``;
- widgets: every demo renders as live controls, and moving its first slider
  (then pressing its button, if it has one) changes what it shows, without
  an error.

The editions and ``img/`` are copied to a temporary folder first, because
JupyterLab autosaves and the editions that other tests read must stay as the
script wrote them; the
server's root is that folder's top, as in the README, so that the markdown
cells' ``../img/`` links resolve. The server gets its own settings folder so
that every cell stays in the page (``windowingMode: none``) and no news
pop-up covers the screenshot. A screenshot of every notebook (its first
widget demo, else its last live plot) and the server's log are saved under
``artifacts/browser/``. Every failure, a timeout included, also leaves its
message, the end of the server's log and a screenshot in
``artifacts/browser/failures/`` (named by time and notebook), so that a failure
in a long or repeated run can be read afterwards.

The demos are one call each (``d2l.dropout_demo()``, ``d2l.gan_demo(...)``,
...) returning an ipywidgets app: a notebook that calls one, or imports
ipywidgets, must show live controls; the test moves the first slider, then
presses the app's primary button (else its first button), as a student would.
"""
import datetime
import json
import re
import shutil

import nbformat
import pytest

from d2lmini.plotting import FIRST_REDRAW_AFTER
from helpers import ANOTHER_MACHINE, NOTEBOOKS, ROOT, JupyterLab, notebook

ARTIFACTS = ROOT / 'artifacts' / 'browser'
RUN_TIMEOUT_MS = 900_000  # quick mode needs a minute or two, but the CPU may be shared
SETTINGS = {
    '@jupyterlab/notebook-extension/tracker': {'windowingMode': 'none', 'recordTiming': True},
    '@jupyterlab/apputils-extension/notification': {'fetchNews': 'false', 'checkForUpdates': False},
}

sync_api = pytest.importorskip(
    'playwright.sync_api', reason='Playwright for Python is missing: bash scripts/install.sh test')

pytestmark = pytest.mark.browser

# Runs in the page before JupyterLab starts. Once `open` has found the
# notebook and `watch` is called, it remembers, for every output area, each
# distinct figure the area has shown (a figure redrawn in place vs a stack of
# figures), the last image of every display id the kernel updates
# (`handle.update(fig)` of d2l.Animator), the code the kernel is busy with
# (cells and widget callbacks: the toolbar's indicator ignores callbacks, and
# the kernel's last status may come from a debugger request while a callback
# still runs) and when an output last changed. Also helpers that read the page.
PAGE_SCRIPT = r"""
(() => {
  const FIGURE = '.jp-RenderedImage img, .jp-RenderedSVG img';
  const ERROR = /Traceback \(most recent call last\)|^\w*(Error|Exception|Interrupt)\b/m;
  const hash = s => { let h = 0;
                      for (let i = 0; i < s.length; i++) h = (h * 31 + s.charCodeAt(i)) | 0;
                      return s.length + ':' + h; };
  const image = src => src.startsWith('data:image/svg+xml,') ? decodeURIComponent(src.slice(19))
                       : src.replace(/^data:image\/(png|jpeg);base64,/, '');
  let shown = new Map();  // output area -> set of hashes of the figures it has shown
  let updated = new Map();  // display id -> [number of updates, its last images]
  let changed = 0;  // when an output last changed (ms)
  let busy = 0;  // how often the kernel got busy
  const pending = new Set();  // the requests running code it is busy with
  let context = null;  // the notebook's session context, its kernel's messages
  const note = img => {
    const area = img.closest('.jp-OutputArea');
    if (!area) return;
    if (!shown.has(area)) shown.set(area, new Set());
    shown.get(area).add(hash(img.getAttribute('src') || ''));
  };
  new MutationObserver(records => {
    for (const r of records) {
      if (r.target.closest?.('.jp-OutputArea')) changed = performance.now();
      if (r.type === 'attributes') { if (r.target.matches(FIGURE)) note(r.target); continue; }
      for (const n of r.addedNodes) {
        if (n.nodeType !== 1) continue;
        if (n.matches(FIGURE)) note(n);
        n.querySelectorAll(FIGURE).forEach(note);
      }
    }
  }).observe(document, {childList: true, subtree: true,
              attributes: true, attributeFilter: ['src']});

  const WIDGET_AS_TEXT =
    /^[A-Z]\w*\((children|description|value|layout|outputs)=|Error displaying widget/;
  const cells = () => [...document.querySelectorAll('.jp-Notebook .jp-CodeCell')];
  const codeCells = () => window.e2e.notebook().content.widgets
                            .filter(w => w.model.type === 'code');
  const seconds = cell => {  // how long the cell ran (recordTiming), 0 if not known
    const t = cell.model.getMetadata('execution') || {};
    return (new Date(t['iopub.status.idle']) - new Date(t['iopub.status.busy'])) / 1000 || 0;
  };
  window.e2e = {
    notebook: () => [...(window.jupyterapp?.shell.widgets('main') || [])]
                      .find(w => w.sessionContext),
    open: async () => {
      await window.jupyterapp.restored;
      context = window.e2e.notebook().sessionContext;
      await context.ready;
      context.iopubMessage.connect((_, msg) => {
        const parent = msg.parent_header;
        const code = ['execute_request', 'comm_msg'].includes(parent.msg_type);
        if (msg.header.msg_type === 'status' && code) {
          if (msg.content.execution_state === 'busy') {
            busy++;
            pending.add(parent.msg_id);
          } else if (msg.content.execution_state === 'idle') {
            pending.delete(parent.msg_id);
          }
        }
        const id = msg.content.transient?.display_id;
        if (!id || !['display_data', 'update_display_data'].includes(msg.header.msg_type)) return;
        const images = ['image/svg+xml', 'image/png', 'image/jpeg'].map(t => msg.content.data[t])
                                                                 .filter(Boolean);
        const update = msg.header.msg_type === 'update_display_data';
        const updates = (updated.get(id)?.[0] || 0) + update;
        updated.set(id, [updates, images]);
      });
    },
    watch: () => { shown = new Map(); updated = new Map(); },
    started: () => context.session?.kernel?.status === 'idle',
    quiet: ms => performance.now() - changed > ms,
    idle: () => pending.size === 0,
    busy: () => busy,
    // a collapsed input (a solution's jupyter.source_hidden) shows no prompt: read its model then
    prompts: () => codeCells().map(w => {
      const shown = w.node.querySelector('.jp-InputPrompt')?.textContent.trim();
      const count = w.model.executionCount;
      return shown || (count === null ? '[ ]:' : `[${count}]:`);
    }),
    running: () => window.e2e.prompts().some(p => p.includes('*')),
    cleared: () => !window.e2e.prompts().some(p => /\d/.test(p))
                   && !document.querySelector('.jp-Notebook .jp-OutputArea-output'),
    errors: () => cells().flatMap((c, i) =>
      [...c.querySelectorAll('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
        .map(o => o.innerText).filter(t => ERROR.test(t)).map(t => [i + 1, t.slice(-700)])),
    unrendered: () => cells().flatMap((c, i) =>
      [...c.querySelectorAll('.jp-OutputArea-output')].map(o => o.innerText)
        .filter(t => WIDGET_AS_TEXT.test(t))
        .map(t => [i + 1, t.slice(0, 200)])),
    brokenLinks: async () => {
      const imgs = [...document.querySelectorAll('.jp-MarkdownOutput img')];
      await Promise.all(imgs.map(img => img.decode().catch(() => null)));
      return imgs.filter(img => !img.naturalWidth)
                 .map(img => img.getAttribute('src').split('?')[0]);
    },
    figures: async () => {
      const result = [];
      const models = codeCells();
      for (const [i, c] of cells().entries()) {
        for (const area of c.querySelectorAll('.jp-OutputArea')) {
          const imgs = [...area.querySelectorAll(FIGURE)]
                         .filter(img => img.closest('.jp-OutputArea') === area);
          await Promise.all(imgs.map(img => img.decode().catch(() => null)));
          if (imgs.length) result.push({cell: i + 1, heights: imgs.map(img => img.naturalHeight),
                                        seen: shown.get(area)?.size || 0,
                                        seconds: seconds(models[i])});
        }
      }
      return result;
    },
    // display ids updated during the run whose last image is nowhere on the page
    stale: () => {
      const onPage = new Set([...document.querySelectorAll(FIGURE)]
                               .map(img => image(img.getAttribute('src') || '')));
      return [...updated.values()].filter(([n, images]) => n && !images.some(d => onPage.has(d)))
                                  .map(([n]) => n);
    },
    demos: () => cells().map((c, i) => [i + 1, c]).filter(([, c]) =>
      c.querySelector('.jp-OutputArea .widget-slider, .jp-OutputArea button.widget-button'))
      .map(([i]) => i),
    // what a demo shows: its Output and HTML widgets and every figure in it, not its controls
    shows: n => {
      const c = cells()[n - 1];
      const texts = [...c.querySelectorAll('.widget-output, .widget-html')].map(e => e.innerText);
      const images = [...c.querySelectorAll('.jp-OutputArea img')];
      return texts.join('\n') + images.map(img => hash(img.getAttribute('src') || '')).join();
    },
  };
})();
"""


def other_precision():
    """``D2LMINI_BF16`` for the precision of the fast method's VGG that nbval's run does not use
    (its kernel inherits this process's environment, hence this process's choice; issue 24)."""
    import d2lmini as d2l
    from d2lmini.fast_transfer import use_bf16
    return '0' if use_bf16(d2l.try_gpu()) else '1'


@pytest.fixture(scope='module')
def lab(tmp_path_factory, student_editions):
    """JupyterLab on a copy of the student editions (img/ beside them), on another machine than
    nbval's and in the other precision."""
    env = {'D2LMINI_QUICK': '1', **ANOTHER_MACHINE, 'D2LMINI_BF16': other_precision()}
    server = JupyterLab(tmp_path_factory.mktemp('jupyterlab'), student_editions,
                        ARTIFACTS / 'jupyterlab.log', SETTINGS, env,
                        ['--ContentsManager.preferred_dir=notebooks'])
    server.env = ' '.join(f'{k}={v}' for k, v in env.items())
    yield server
    server.close()


def open_notebook(page, lab, name):
    """Open notebooks/``name`` in JupyterLab and wait until its kernel is ready."""
    page.goto(lab.page_url(f'notebooks/{name}'))
    page.wait_for_function('() => e2e.notebook()', timeout=180_000)
    page.evaluate('e2e.open()')  # once the layout is restored and the kernel session ready
    page.wait_for_function('() => e2e.started()', timeout=180_000)


def wait_until_idle(page, timeout=RUN_TIMEOUT_MS):
    """Wait until no cell is queued or running and the kernel is idle."""
    page.wait_for_function('() => e2e.idle() && !e2e.running()', timeout=timeout, polling=250)


def run_all_through_the_ui(page):
    # the notebook is the current widget
    page.click('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current')
    page.click('.lm-MenuBar-item:has-text("Edit")')
    page.click('.lm-Menu-item[data-command="editmenu:clear-all"]')
    page.wait_for_function('() => e2e.cleared()', timeout=30_000)  # outputs from this run only
    page.evaluate('e2e.watch()')
    page.click('jp-button[data-command="notebook:restart-run-all"]')
    page.click('.jp-Dialog .jp-mod-accept')
    # all prompts read [ ] after clearing; the run is over once one has a number and nothing waits
    page.wait_for_function('() => e2e.idle() && !e2e.running()'
                           ' && e2e.prompts().some(p => /\\d/.test(p))',
                           timeout=RUN_TIMEOUT_MS, polling=250)
    # widgets and figures finish rendering
    page.wait_for_function('() => e2e.quiet(1000)', timeout=60_000)


def act_and_wait(page, act):
    """Act on a widget, then wait until the kernel has answered (if it was called at all)."""
    busy = page.evaluate('e2e.busy()')
    act()
    try:
        page.wait_for_function('n => e2e.busy() > n', arg=busy, timeout=15_000)
    except sync_api.TimeoutError:
        pass  # the widget did not call the kernel
    wait_until_idle(page)


def try_demo(page, demo):
    """Move the demo's first slider, then press its button if any; what it shows must change."""
    cell = page.locator('.jp-Notebook .jp-CodeCell').nth(demo - 1)
    handle = cell.locator('.jp-OutputArea .noUi-handle').first
    buttons = '.jp-OutputArea button.widget-button{}:not([disabled])'
    button = cell.locator(buttons.format('.mod-primary')).first  # the app's main action
    if not button.count():
        button = cell.locator(buttons.format('')).first
    before = page.evaluate('n => e2e.shows(n)', demo)
    if handle.count():
        at_max = handle.get_attribute('aria-valuenow') == handle.get_attribute('aria-valuemax')
        act_and_wait(page, lambda: handle.press('ArrowLeft' if at_max else 'ArrowRight'))
    if button.count():
        act_and_wait(page, button.click)
    try:  # generous: under load the front end renders the answer well after the kernel is idle
        page.wait_for_function('([n, before]) => e2e.shows(n) !== before', arg=[demo, before],
                               timeout=60_000)
    except sync_api.TimeoutError:
        return (f'widget demo in code cell {demo}: moving a slider and pressing its button'
                ' changed nothing it shows')
    wait_until_idle(page)
    page.wait_for_function('() => e2e.quiet(1000)', timeout=60_000)
    return None


def problems_on_the_page(page):
    found = [f'broken figure link in a markdown cell: {src}'
             for src in page.evaluate('e2e.brokenLinks()')]
    found += [f'code cell {i}: error output\n{text}' for i, text in page.evaluate('e2e.errors()')]
    found += [f'code cell {i}: widget shown as text, not as live controls: {text}'
              for i, text in page.evaluate('e2e.unrendered()')]
    log = page.locator('.jp-LogConsoleStatusItem:not(.lm-mod-hidden)')
    if log.count():
        log.click()
        text = page.locator('.jp-LogConsolePanel').inner_text(timeout=10_000)
        found.append('the log console (output of no cell, e.g. a widget callback) has messages:\n'
                     + text[:1500])
    dialogs = page.locator('.jp-Dialog')
    if dialogs.count():
        found.append(f'a dialog is open: {dialogs.first.inner_text()[:300]}')
    return found


def figure_problems(page):
    """What is wrong with the figures, and the figures: cell, seconds it ran, redrawn in place?"""
    figures = page.evaluate('e2e.figures()')
    for f in figures:
        f['live'] = f['seen'] > len(f['heights'])
    found = [f'code cell {f["cell"]}: {len(f["heights"])} figures of the same height pile up one'
             ' under another: an Animator must redraw ONE figure in place'
             for f in figures if len(set(f['heights'])) < len(f['heights'])]
    found += [f'a figure updated {n} times through its display id still shows an older frame: the'
              ' update did not reach the page (an update inside an ipywidgets Output is dropped)'
              for n in page.evaluate('e2e.stale()')]
    return found, figures


@pytest.mark.parametrize('chapter', NOTEBOOKS, ids=lambda p: p.stem)
def test_the_student_edition_runs_in_jupyterlab(lab, browser, student_editions, chapter, capsys):
    cells = json.loads((student_editions / chapter.name).read_text(encoding='utf-8'))['cells']
    source = '\n'.join(''.join(c['source']) for c in cells if c['cell_type'] == 'code')
    page = browser.new_page()
    page.add_init_script(PAGE_SCRIPT)
    shot = page  # the screenshot shows the window, or once the run is over, a demo or a live plot
    problems = []
    title = f'the student edition of {chapter.name} in JupyterLab, with {lab.env}'
    try:
        open_notebook(page, lab, chapter.name)
        run_all_through_the_ui(page)
        prompts = page.evaluate('e2e.prompts()')
        if prompts != [f'[{i}]:' for i in range(1, len(prompts) + 1)]:
            problems.append(f'not every cell ran, in order: {" ".join(prompts)}')
        found, figures = figure_problems(page)
        problems += found
        live = [f['cell'] for f in figures if f['live']]
        with capsys.disabled():
            print(f'\n[lab] {chapter.stem}: code cells with figures, seconds they ran: '
                  + ', '.join(f'{f["cell"]}: {f["seconds"]:.1f}' + ' (redrawn in place)' * f['live']
                              for f in figures))

        demos = page.evaluate('e2e.demos()')
        if re.search(r'\bipywidgets\b|\w_demo\(', source) and not demos:
            problems.append('the notebook calls a demo (or imports ipywidgets) but no slider or'
                            ' button rendered')
        problems += [p for p in (try_demo(page, demo) for demo in demos) if p]
        problems += problems_on_the_page(page)

        if demos or live:
            cell = demos[0] if demos else live[-1]
            shot = (page.locator('.jp-Notebook .jp-CodeCell').nth(cell - 1)
                    .locator('.jp-Cell-outputArea'))
            # as wide as the output, no empty right margin, but never wider than the notebook panel
            shot.evaluate('area => { area.parentElement.style.width = "fit-content"; }')
    except Exception as error:  # a timeout, a crash of the page: kept with the rest
        problems.append(f'{type(error).__name__}: {error}')
        raise
    finally:
        try:
            shot.screenshot(path=ARTIFACTS / f'{chapter.stem}.png')
        except Exception as error:
            problems.append(f'no screenshot: {type(error).__name__}: {error}')
        if problems:
            keep_failure(chapter, title, problems, lab)
        page.close()
        lab.shut_down_kernels()
    assert not problems, f'{title}:\n' + '\n'.join(problems)


def keep_failure(chapter, title, problems, lab):
    """Write what went wrong, the server's last log lines and the screenshot to artifacts/."""
    folder = ARTIFACTS / 'failures'
    folder.mkdir(parents=True, exist_ok=True)
    stamp = f'{datetime.datetime.now():%Y%m%d-%H%M%S}-{chapter.stem}'
    lab.log.flush()
    log = lab.log_path.read_text(errors='replace')[-4000:]
    (folder / f'{stamp}.txt').write_text(
        f'{title}, {stamp}:\n' + '\n'.join(problems)
        + '\n\n--- end of the JupyterLab server log ---\n' + log)
    if (ARTIFACTS / f'{chapter.stem}.png').is_file():
        shutil.copy(ARTIFACTS / f'{chapter.stem}.png', folder / f'{stamp}.png')


# Three points: the second comes once the first redraw is due (the figure
# appears), the third ends xlim (the figure is redrawn in place).
LIVE_PLOT = f"""import time
import d2lmini as d2l
animator = d2l.Animator(xlim=[1, 3])
animator.add(1, 1.0)
time.sleep({FIRST_REDRAW_AFTER} + 0.1)
animator.add(2, 0.5)
animator.add(3, 0.25)"""
LIVE_PLOT_IN_AN_OUTPUT = """import ipywidgets as widgets
out = widgets.Output()
display(out)
with out:
""" + '\n'.join('    ' + line for line in LIVE_PLOT.splitlines())


def test_a_live_plot_is_redrawn_in_place(lab, browser):
    nbformat.write(notebook(LIVE_PLOT, LIVE_PLOT_IN_AN_OUTPUT),
                   lab.root / 'notebooks' / 'canli-cizim.ipynb')
    page = browser.new_page()
    page.add_init_script(PAGE_SCRIPT)
    try:
        open_notebook(page, lab, 'canli-cizim.ipynb')
        run_all_through_the_ui(page)
        problems, figures = figure_problems(page)
        problems += problems_on_the_page(page)
    finally:
        page.close()
        lab.shut_down_kernels()
    assert not problems
    assert [(f['cell'], f['live']) for f in figures] == [(1, True), (2, True)]
