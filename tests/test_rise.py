"""RISE (the PyPI package jupyterlab_rise): a notebook presented as live slides from JupyterLab.

JupyterLab is started on a small notebook with known slide metadata, in headless Chromium; the
test runs RISE's own command ``RISE:slideshow`` through the page's ``jupyterapp.commands``, as its
toolbar button does, and reads the slideshow RISE opens in a new tab: as many slides as the
metadata asks for, the space bar walks through them, formulas typeset, no uncaught error, and no
request leaving the machine (each one is aborted and reported). RISE's default reveal.js theme,
``simple``, fetches two Google fonts: a notebook meant for RISE sets ``metadata.rise.theme`` to
``white``, whose font comes with RISE, and every chapter with slide metadata must do so. Each
chapter with slide metadata is presented the same way, from a copy of the course (img/ beside it):
its slides, its figures loaded, nothing fetched from outside, a screenshot under artifacts/rise/;
a chapter without slide metadata is skipped. One RISE tab is open at a time: JupyterLab refuses a
second one opened at once ("Window name candidate already exists").

A widget inside a slide does not render today (jupyterlab-contrib/rise#119): RISE 0.43.1's page
cannot load the widget manager of ipywidgets >= 8.1.3 (jupyterlab_widgets >= 3.0.11), which needs
the shared module ``@jupyterlab/console`` that RISE's page does not provide; the slider shows as
its text. A strict xfail watches it. Checked by hand: with the widget front end of
jupyterlab_widgets 3.0.9 (ipywidgets 8.1.1) the same test passes, the slider live in the slide.
"""
import json

import nbformat
import pytest

from helpers import NOTEBOOKS, ROOT, JupyterLab, expected_slides, notebook
from slideshow import slide_type

ARTIFACTS = ROOT / 'artifacts' / 'rise'
OFFLINE_THEME = 'white'  # reveal.js's theme whose font RISE serves itself
LEAVES = ('[...document.querySelectorAll(".reveal .slides section")]'
          '.filter(s => !s.querySelector("section"))')  # the slides, subslides included
PRESENT = f'{LEAVES}.findIndex(s => s.classList.contains("present"))'  # the slide shown
WHERE = f'() => {PRESENT}'


def small_notebook():
    """Four slides (one a subslide), a formula and an ipywidgets slider, RISE's offline theme."""
    def cell(make, source, kind):
        return make(source, metadata={'slideshow': {'slide_type': kind}})

    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [cell(md, '# Canlı sunum\n\nBir giriş cümlesi.', 'slide'),
             cell(md, '## Formül\n\n$$\\sum_{i=1}^n x_i^2$$', 'slide'),
             cell(code, 'import ipywidgets as widgets\n'
                        'widgets.IntSlider(value=3, max=10, description="adım")', 'subslide'),
             cell(md, 'Bu hücre sunumda yok.', 'skip'),
             cell(md, '## Son', 'slide')]
    return notebook(*cells, rise={'theme': OFFLINE_THEME})


@pytest.mark.parametrize('chapter', NOTEBOOKS, ids=lambda p: p.stem)
def test_a_chapter_with_slide_metadata_picks_the_offline_theme(chapter):
    nb = json.loads(chapter.read_text(encoding='utf-8'))
    if any(slide_type(c) != '-' for c in nb['cells']):
        assert nb['metadata'].get('rise', {}).get('theme') == OFFLINE_THEME, \
            f'{chapter.name}: set metadata.rise.theme to "{OFFLINE_THEME}" (RISE\'s default ' \
            'theme fetches Google fonts)'


@pytest.fixture(scope='module')
def lab(tmp_path_factory):
    """JupyterLab with RISE on a folder holding the small notebook and a copy of the chapters (with
    img/ beside them, so that their figures resolve)."""
    pytest.importorskip('jupyterlab_rise', reason='RISE is missing: bash scripts/install.sh')
    server = JupyterLab(tmp_path_factory.mktemp('rise'), ROOT / 'notebooks',
                        ARTIFACTS / 'jupyterlab.log')
    nbformat.write(small_notebook(), server.root / 'sunum.ipynb')
    yield server
    server.close()


@pytest.fixture
def problems(lab, browser):
    """What went wrong in the test's pages; every request to another host is aborted here."""
    found = []

    def only_local(route):
        if route.request.url.startswith((lab.url, 'data:', 'blob:')):
            return route.continue_()
        found.append(f'request to another host (aborted): {route.request.url}')
        return route.abort()

    browser.route('**/*', only_local)
    yield found
    browser.unroute('**/*')


def present(lab, browser, problems, path):
    """Open ``path`` in JupyterLab and run RISE:slideshow; return JupyterLab's page and RISE's."""
    page = browser.new_page()
    page.on('pageerror', lambda e: problems.append(f'JavaScript error in JupyterLab: {e}'))
    page.goto(lab.page_url(path))
    page.wait_for_function('() => window.jupyterapp && [...jupyterapp.shell.widgets("main")]'
                           '.some(w => w.sessionContext)', timeout=180_000)
    page.evaluate('() => jupyterapp.restored')
    assert page.evaluate('() => jupyterapp.commands.hasCommand("RISE:slideshow")'), \
        'RISE is not in JupyterLab: bash scripts/install.sh'
    with browser.expect_page(timeout=60_000) as opened:
        page.evaluate('() => jupyterapp.commands.execute("RISE:slideshow")')
    rise = opened.value
    rise.on('pageerror', lambda e: problems.append(f'JavaScript error in RISE: {e}'))
    rise.set_viewport_size({'width': 1280, 'height': 720})
    rise.wait_for_function(f'() => {LEAVES}.length && {PRESENT} >= 0', timeout=180_000)
    return page, rise


@pytest.fixture
def slideshow(lab, browser, problems):
    """RISE's slideshow of the small notebook (one RISE tab at a time: a second one open at once
    fails with JupyterLab's 'Window name candidate already exists')."""
    page, rise = present(lab, browser, problems, 'sunum.ipynb')
    yield rise, problems
    rise.close()
    page.close()


@pytest.mark.browser
def test_rise_presents_the_notebook_offline(slideshow):
    rise, problems = slideshow
    slides = rise.evaluate(f'() => {LEAVES}.length')
    math = rise.evaluate('() => document.querySelectorAll(".reveal .slides mjx-container").length')
    rise.screenshot(path=ARTIFACTS / 'rise-slide-1.png')
    visited = [rise.evaluate(WHERE)]
    for _ in range(slides + 2):
        rise.keyboard.press('Space')
        rise.wait_for_timeout(700)  # the slide transition
        visited.append(rise.evaluate(WHERE))
    text = rise.inner_text('.reveal .slides')
    assert not problems, '\n'.join(problems)
    assert slides == expected_slides(small_notebook().cells) == 4
    assert visited[0] == 0 and sorted(set(visited)) == list(range(slides)), \
        f'the space bar did not walk through every slide: {visited}'
    assert math == 1, 'the formula was not typeset'
    assert 'Bu hücre sunumda yok' not in text


@pytest.mark.browser
@pytest.mark.xfail(strict=True, raises=AssertionError, reason='jupyterlab-contrib/rise#119: '
                   'RISE cannot load the widget manager of ipywidgets >= 8.1.3')
def test_a_widget_shows_inside_a_slide(slideshow):
    rise, problems = slideshow
    code = rise.locator('.reveal .slides section .jp-CodeCell').first
    for _ in range(10):  # to the slide of the code cell
        if rise.evaluate(f'() => {LEAVES}[{PRESENT}].querySelector(".jp-CodeCell")'):
            break
        rise.keyboard.press('Shift+Space' if rise.evaluate(WHERE) > 1 else 'Space')
        rise.wait_for_timeout(700)
    code.locator('.jp-InputArea-editor').click()
    rise.keyboard.press('Shift+Enter')  # runs the cell (and moves on), as a presenter does
    output = code.locator('.jp-OutputArea-output').first
    output.wait_for(state='attached', timeout=120_000)
    try:
        code.locator('.widget-slider').wait_for(state='attached', timeout=10_000)
    except Exception:
        pass  # asserted below, with what shows instead
    shown = output.text_content()
    sliders = code.locator('.widget-slider').count()
    assert not problems, '\n'.join(problems)
    assert sliders == 1, f'the slider shows as text, not as a live widget: {shown!r}'


@pytest.mark.browser
@pytest.mark.parametrize('chapter', NOTEBOOKS, ids=lambda p: p.stem)
def test_the_chapter_presents_offline(lab, browser, problems, chapter):
    cells = json.loads(chapter.read_text(encoding='utf-8'))['cells']
    if all(slide_type(c) == '-' for c in cells):
        pytest.skip(f'{chapter.name} has no slide metadata yet (slideshow.slide_type)')
    page, rise = present(lab, browser, problems, f'notebooks/{chapter.name}')
    try:
        rise.wait_for_timeout(2000)  # the figures of the first slides load
        slides = rise.evaluate(f'() => {LEAVES}.length')
        broken = rise.evaluate('''async () => {
          const imgs = [...document.querySelectorAll('.reveal .slides img')];
          await Promise.all(imgs.map(img => img.decode().catch(() => null)));
          return imgs.filter(img => !img.naturalWidth).map(img => img.src.slice(0, 80));
        }''')
        rise.screenshot(path=ARTIFACTS / f'{chapter.stem}.png')
    finally:
        rise.close()
        page.close()
    assert not problems, '\n'.join(problems)
    assert slides == expected_slides(cells)
    assert not broken, f'figures not loaded: {broken}'
