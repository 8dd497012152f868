"""The chapters' lecture decks (site/deck.py, made by scripts/build-site.sh) in headless Chromium.

Each deck is opened from the built site, served on 127.0.0.1 as in tests/test_site.py, and also
straight from the disk (file://). Every request that would leave the machine is aborted and
reported; the deck must load with no console error and no failed request. It must have as many
slides as its notebook's ``slideshow.slide_type`` metadata says (a slide or a subslide cell starts
one; nbconvert makes the first shown cell a slide), the right arrow key must walk through all of
them and the left one go back, every formula must be typeset by MathJax, every figure must load,
and the text must be projector-sized. A small notebook with known slide metadata is made into a
deck by the same configuration, so that the walk, fragments, skipped cells and math are tested
whatever metadata the chapters carry. A screenshot of one slide of each chapter's deck (its first
with a formula, else its first) is saved under ``artifacts/decks/``.

Every slide of every deck must fit a 1280 x 720 projector (site/slideshow.py's ``offenders``: not
taller than the slide, at most 15 lines of code, not empty, no progress bar); one failure lists
every offending slide. Two small generated notebooks, one whose deck fits and one with a slide of
each kind of offence, show that the check passes and fails as it should.
"""
import json
import subprocess
import sys

import nbformat
import pytest

from slideshow import HIDE_INPUT, SLIDE_SIZE, deck_cells, offenders, slide_type
from helpers import NOTEBOOKS, ROOT, expected_slides


HTML = ROOT / '_build' / 'html'
ARTIFACTS = ROOT / 'artifacts' / 'decks'
SLIDE_HEIGHT = 720  # site/deck.py's reveal_height: the slide as designed, before it is scaled
MIN_TEXT_PX = 24  # prose at most 30 lines a slide: readable from the back of a classroom

pytest.importorskip('playwright.sync_api',
                    reason='Playwright for Python is missing: bash scripts/install.sh test')
pytestmark = pytest.mark.browser

# What the deck shows once reveal.js and MathJax are ready.
READ_DECK = r"""
async () => {
  await MathJax.startup.promise;
  const imgs = [...document.querySelectorAll('img')];
  await Promise.all(imgs.map(img => img.decode().catch(() => null)));
  const shown = document.querySelector('.reveal .slides');
  const walker = document.createTreeWalker(shown, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) {
    if (!walker.currentNode.parentElement.closest('pre, code, script, style, mjx-container'))
      texts.push(walker.currentNode.data);
  }
  const prose = document.querySelector('.jp-RenderedMarkdown p');
  return {
    slides: Reveal.getTotalSlides(),
    math: shown.querySelectorAll('mjx-container').length,  // not reveal.js's copy for readers
    mathErrors: [...shown.querySelectorAll('mjx-merror')].map(e => e.dataset.mjxError),
    text: texts.join(' '),
    broken: imgs.filter(img => !img.naturalWidth).map(img => img.src.slice(0, 80)),
    proseSize: prose ? parseFloat(getComputedStyle(prose).fontSize) : null,
    height: Reveal.getConfig().height,
    notes: Reveal.hasPlugin('notes'),
  };
}
"""
WHERE = 'JSON.stringify(Reveal.getIndices())'
AT_THE_END = '() => Reveal.isLastSlide() && !Reveal.availableFragments().next'


def shows_math(cells):
    """Whether a shown markdown cell holds a formula."""
    return any('$' in ''.join(c['source']) for c in cells
               if c['cell_type'] == 'markdown' and slide_type(c) not in ('skip', 'notes'))


def open_deck(browser, url, local):
    """Open a deck; return the page, what it shows and every problem with loading it."""
    page = browser.new_page()
    page.set_viewport_size({'width': 1280, 'height': 720})  # a 16:9 projector, scaled down
    problems = []

    def only_local(route):
        if route.request.url.startswith((local, 'data:')):
            return route.continue_()
        problems.append(f'request to another host (aborted): {route.request.url}')
        return route.abort()

    page.route('**/*', only_local)
    page.on('request', lambda r: r.url.startswith((local, 'data:'))
            or problems.append(f'request to another host: {r.url}'))
    page.on('console', lambda m: m.type == 'error' and problems.append(f'console error: {m.text}'))
    page.on('pageerror', lambda e: problems.append(f'JavaScript error: {e}'))
    page.on('requestfailed', lambda r: problems.append(f'failed request: {r.url} ({r.failure})'))
    page.on('response', lambda r: r.status >= 400 and problems.append(f'HTTP {r.status}: {r.url}'))
    page.goto(url, wait_until='load')
    page.wait_for_function('() => window.Reveal?.isReady() && window.MathJax?.startup?.promise')
    seen = page.evaluate(READ_DECK)
    problems += [f'image not loaded: {src}' for src in seen['broken']]
    problems += [f'MathJax could not typeset: {error}' for error in seen['mathErrors']]
    if '$' in seen['text']:
        at = seen['text'].index('$')
        problems.append(f'raw $ in the text: ...{seen["text"][max(0, at - 80):at + 80]}...')
    return page, seen, problems


def walk(page, limit):
    """Press the right arrow until the last slide's last fragment; where it went, step by step
    (``Reveal.getIndices()``: slide, subslide and fragment)."""
    visited = [page.evaluate(WHERE)]
    for _ in range(limit):
        if page.evaluate(AT_THE_END):
            break
        page.keyboard.press('ArrowRight')
        page.wait_for_function(f'before => {WHERE} !== before', arg=visited[-1])
        visited.append(page.evaluate(WHERE))
    return visited


def small_notebook():
    """Eight cells with known slide metadata: four slides, one fragment, a skip, a note."""
    def md(text, kind):
        return nbformat.v4.new_markdown_cell(text, metadata={'slideshow': {'slide_type': kind}})

    figure = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
              '<rect width="40" height="20" fill="teal"/></svg>')
    code = nbformat.v4.new_code_cell('kare(3)', metadata={'slideshow': {'slide_type': '-'}},
                                     execution_count=1, outputs=[nbformat.v4.new_output(
                                         'display_data', data={'image/svg+xml': figure})])
    cells = [md('# Deneme sunumu\n\nBir giriş cümlesi.', 'slide'),
             md('Ardından bir parça: $f(x) = x^2$.', 'fragment'),
             md('Bu hücre sunumda yok.', 'skip'),
             md('## Formül\n\n$$\\sum_{i=1}^n x_i^2$$', 'subslide'), code,
             md('## İkinci bölüm\n\nBir cümle daha.', 'slide'),
             md('Konuşmacı notu.', 'notes'),
             md('## Son\n\n$\\mathbf{h}\' = \\mathbf{h} / (1 - p)$', 'subslide')]
    return nbformat.v4.new_notebook(cells=cells)


def make_decks(notebooks, folder):
    """Make each ``{name: notebook}`` into a deck by the site's configuration, in ``folder``, in one
    run of site/deck.py; ``{name: its file:// address}``."""
    for name, nb in notebooks.items():
        nbformat.write(nb, folder / f'{name}.ipynb')
    (folder / 'slides').mkdir()
    (folder / '_static').symlink_to(HTML / '_static')  # reveal.js and MathJax, as in the site
    run = subprocess.run([sys.executable, 'site/deck.py', '--output-dir', str(folder / 'slides'),
                          *(str(folder / f'{name}.ipynb') for name in notebooks)],
                         cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return {name: (folder / 'slides' / f'{name}.slides.html').as_uri() for name in notebooks}


@pytest.fixture(scope='module')
def small_decks(site, tmp_path_factory):
    """The decks of the three small notebooks below (made once: site/deck.py takes seconds to
    start)."""
    return make_decks({'deneme': small_notebook(), 'sigan': fitting_notebook(),
                       'tasan': offending_notebook()}, tmp_path_factory.mktemp('decks'))


def test_a_deck_of_known_slides_walks_forward_and_back(browser, small_decks):
    assert expected_slides(small_notebook().cells) == 4
    page, seen, problems = open_deck(browser, small_decks['deneme'], 'file://')
    try:
        visited = walk(page, limit=20)
        page.keyboard.press('ArrowLeft')
        back = page.evaluate(WHERE)
        text = page.inner_text('.reveal .slides')
    finally:
        page.close()
    assert not problems, '\n'.join(problems)
    assert seen['slides'] == 4
    slides = [json.loads(v) for v in visited]
    # the fragment is one more step on the first slide; the subslides come in order
    assert [(s['h'], s['v']) for s in slides] == [(0, 0), (0, 0), (0, 1), (1, 0), (1, 1)]
    assert (json.loads(back)['h'], json.loads(back)['v']) == (1, 0)
    assert seen['math'] == 3, 'each of the three formulas must be typeset'
    assert 'Bu hücre sunumda yok' not in text and 'Konuşmacı notu' not in text
    assert seen['notes'], 'the speaker notes plugin is not loaded'
    assert seen['proseSize'] >= MIN_TEXT_PX and seen['height'] == SLIDE_HEIGHT


@pytest.mark.parametrize('chapter', NOTEBOOKS, ids=lambda p: p.stem)
def test_the_chapter_deck_presents_offline(browser, site, chapter):
    cells = deck_cells(json.loads(chapter.read_text(encoding='utf-8'))['cells'])
    slides = expected_slides(cells)
    page, seen, problems = open_deck(browser, f'{site}/slides/{chapter.stem}.slides.html', site)
    try:
        visited = {(at['h'], at['v']) for at in map(json.loads, walk(page, 10 * len(cells)))}
        if len(visited) > 1:
            before = page.evaluate(WHERE)
            page.keyboard.press('ArrowLeft')
            page.wait_for_function(f'before => {WHERE} !== before', arg=before)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.evaluate('''() => {
          const slides = Reveal.getSlides().filter(s => !s.querySelector('section'));
          const shown = slides.find(s => s.querySelector('mjx-container')) || slides[0];
          const at = Reveal.getIndices(shown);
          Reveal.slide(at.h, at.v, -1);
        }''')
        page.wait_for_timeout(1000)  # the slide transition
        page.screenshot(path=ARTIFACTS / f'{chapter.stem}.png')
    finally:
        page.close()
    assert not problems, '\n'.join(problems)
    assert seen['slides'] == slides, 'the deck does not have the slides its metadata asks for'
    assert len(visited) == slides, 'the right arrow key did not walk through every slide'
    if shows_math(cells):
        assert seen['math'] > 0, 'no formula was typeset by MathJax'
    assert seen['proseSize'] >= MIN_TEXT_PX and seen['height'] == SLIDE_HEIGHT


def test_a_chapter_deck_works_from_the_disk(browser, site):
    chapter = NOTEBOOKS[0]
    url = (HTML / 'slides' / f'{chapter.stem}.slides.html').as_uri()
    page, seen, problems = open_deck(browser, url, 'file://')
    page.close()
    assert not problems, '\n'.join(problems)
    assert seen['slides'] == expected_slides(deck_cells(json.loads(chapter.read_text())['cells']))
    assert seen['math'] > 0


def test_the_home_page_and_each_chapter_page_link_the_deck_and_the_student_edition(browser, site):
    page = browser.new_page()
    pages = ['index.html'] + [f'notebooks/{c.stem}.html' for c in NOTEBOOKS]
    links = {}
    for path in pages:
        page.goto(f'{site}/{path}')
        links[path] = set(page.eval_on_selector_all('article a[href]', 'a => a.map(e => e.href)'))
    page.close()
    for chapter in NOTEBOOKS:
        kit = {f'{site}/slides/{chapter.stem}.slides.html', f'{site}/student/{chapter.stem}.ipynb'}
        assert kit <= links['index.html'], f'the home page does not link {chapter.stem}\'s kit'
        assert kit <= links[f'notebooks/{chapter.stem}.html'], f'{chapter.stem} lacks its kit'
    edition = HTML / 'student' / NOTEBOOKS[0].name
    assert '#### Çözüm' not in edition.read_text(encoding='utf-8')


def slide(*cells):
    """Cells that make one slide: the first starts it."""
    first, *rest = cells
    first.metadata['slideshow'] = {'slide_type': 'slide'}
    return [first, *rest]


def code(lines, tags=()):
    """A code cell of ``lines`` numbered lines whose output is a short text."""
    source = '\n'.join(f'x{i} = {i}' for i in range(lines))
    return nbformat.v4.new_code_cell(source, metadata={'tags': list(tags)}, execution_count=1,
                                     outputs=[nbformat.v4.new_output('stream', text='tamam\n')])


def paragraphs(count):
    """Markdown of ``count`` paragraphs of two lines each (eight of them fill a slide)."""
    return '\n\n'.join(f'Paragraf {i}: bir cümle, sonra bir cümle daha,\nve üçüncüsü.'
                        for i in range(count))


def fitting_notebook():
    """Slides that fit once the deck is made: a long markdown cell cut at its ### headings, a long
    helper whose input is hidden, a short code cell, a speaker note, a progress bar left out."""
    md = nbformat.v4.new_markdown_cell
    progress = nbformat.v4.new_output('stream', name='stderr', text='eğitim:  40%|████ | 4/10\n')
    trained = code(3)
    trained.outputs.insert(0, progress)
    return nbformat.v4.new_notebook(cells=[
        *slide(md('# Sığan sunum\n\n' + paragraphs(4) + '\n\n### İkinci kısım\n\n'
                  + paragraphs(4) + '\n\n### Üçüncü kısım\n\n$$\\sum_i x_i$$')),
        *slide(md('## Yardımcı'), code(20, tags=[HIDE_INPUT])),
        *slide(md('## Eğitim'), trained,
               md('Eğitmene not: ' + paragraphs(12),
                  metadata={'slideshow': {'slide_type': 'notes'}})),
    ])


def offending_notebook():
    """One slide of each offence, after a slide that fits: too tall, too much code, empty, a
    progress bar shown as text."""
    md = nbformat.v4.new_markdown_cell
    notes = md('Slaytta görünmeyen bir not.', metadata={'slideshow': {'slide_type': 'notes'}})
    return nbformat.v4.new_notebook(cells=[
        *slide(md('# Taşan sunum')),
        *slide(md('## Uzun\n\n' + paragraphs(12))),
        *slide(md('## Kod'), code(16)),
        *slide(md(''), notes),
        *slide(md('## Çubuk\n\n`eğitim:  40%|████      | 4/10`')),
    ])


def check(browser, urls):
    """Open each deck at the slide's size: its offending slides, its number of slides and the
    text it shows."""
    page = browser.new_page()
    page.set_viewport_size(dict(zip(('width', 'height'), SLIDE_SIZE)))
    seen = []
    try:
        for url in urls:
            page.goto(url)
            page.wait_for_function('() => window.Reveal?.isReady() && window.MathJax?.startup')
            seen.append((*offenders(page), page.inner_text('.reveal .slides')))
    finally:
        page.close()
    return seen


def test_the_deck_check_passes_slides_that_fit(browser, small_decks):
    nb = fitting_notebook()
    [(found, count, text)] = check(browser, [small_decks['sigan']])
    assert found == []
    assert count == expected_slides(deck_cells(nb.cells)) == 5  # the markdown cell made three
    assert 'x19 = 19' not in text and 'tamam' in text, 'the hidden input or its output is wrong'
    assert 'Eğitmene not' not in text and '40%' not in text


def test_the_deck_check_names_every_offending_slide(browser, small_decks):
    [(found, count, _)] = check(browser, [small_decks['tasan']])
    assert count == 5
    assert [line.split(':')[0] for line in found] == [f'slide {n}' for n in (2, 3, 4, 5)]
    assert 'px tall' in found[0] and '16 lines of code' in found[1]
    assert found[2].endswith('empty') and 'progress bar' in found[3]


def test_every_slide_of_every_deck_fits_the_screen(browser, site):
    decks = check(browser, [f'{site}/slides/{c.stem}.slides.html' for c in NOTEBOOKS])
    report = [f'{chapter.stem} {line}' for chapter, (found, _, _) in zip(NOTEBOOKS, decks)
              for line in found]
    report += [f'{chapter.stem}: {count} slides, a 50-minute lesson wants 20 to 35'
               for chapter, (_, count, _) in zip(NOTEBOOKS, decks) if not 20 <= count <= 35]
    assert not report, (f'{len(report)} slide problems at 1280 x 720 (python site/slideshow.py '
                        'lists them while you tag the chapters):\n' + '\n'.join(report))
