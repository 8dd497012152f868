"""The course website: built by scripts/build-site.sh, read in headless Chromium as a student would.

The site is built from the committed notebooks, served from 127.0.0.1 and every page is opened in
Chromium with no network: a page must load with no console error, no failed request and no
request to any other host (MathJax and the theme's files are served with the site), no broken
link within the site, every image loaded, math rendered by MathJax (no raw ``$`` or TeX command
left in the text), every widget demo shown as its screenshot (never "Loading widget..."), every
output figure of the notebook on the page with an alt text (its cell's metadata), and a table of
contents that names each section once (the solutions' "Çözüm" headings are rubrics). The
chapters follow each other in order (previous/next links), search finds the style transfer
chapter by "Gram", and each chapter's Colab and Binder links open that chapter's notebook.
The home page is for students (site/index.md): it links every chapter, shows every command of the
README's install section (which it includes, so that the instructions are written once) and none
of the maintainers' test, CI or benchmark commands. A screenshot of a chapter page is saved under
``artifacts/site/`` (the README shows a copy).
"""
import json
import re
import urllib.error
import urllib.request

import pytest

from conf import BRANCH, REPOSITORY_URL  # site/conf.py
from helpers import NOTEBOOKS, ROOT

HTML = ROOT / '_build' / 'html'
ARTIFACTS = ROOT / 'artifacts' / 'site'
SHOT_OF = '02-sinir-stil-transferi'  # the chapter whose page the README shows
# what only maintainers need, never on the students' home page (code blocks included)
# (D2LMINI_DATA_DIR is the students' own: where Fashion-MNIST is)
MAINTAINER_ONLY = re.compile(r'pytest|D2LMINI_(?!DATA_DIR)|benchmarks/|install\.sh test|\.ci/'
                             r'|check_determinism|\bCI\b')

sync_api = pytest.importorskip(
    'playwright.sync_api', reason='Playwright for Python is missing: bash scripts/install.sh test')
pytestmark = pytest.mark.browser

# What a reader sees of the page: text outside code, scripts and rendered math; images; math.
READ_PAGE = r"""
async () => {
  if (window.MathJax?.startup) await MathJax.startup.promise;
  const imgs = [...document.querySelectorAll('img')];
  imgs.forEach(img => { img.loading = 'eager'; });
  await Promise.all(imgs.map(img => img.decode().catch(() => null)));
  const skip = 'pre, code, script, style, mjx-container, .highlight';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent.closest(skip) && parent.checkVisibility()) texts.push(node.data);
  }
  return {
    text: texts.join(' '),
    broken: imgs.filter(img => !img.naturalWidth).map(img => img.getAttribute('src')),
    math: document.querySelectorAll('mjx-container').length,
    mathErrors: [...document.querySelectorAll('mjx-merror')].map(e => e.dataset.mjxError),
    figures: document.querySelectorAll('.cell_output img').length,
    // Sphinx writes the file's path as the alt text of an image that has none
    noAlt: [...document.querySelectorAll('.cell_output img')]
      .filter(img => !img.alt.trim() || img.alt === img.getAttribute('src')).length,
  };
}
"""


def open_page(browser, site, path):
    """Open a page; return it, what a reader sees and every problem with loading it."""
    page = browser.new_page()
    problems = []
    page.on('console', lambda m: m.type == 'error' and problems.append(f'console error: {m.text}'))
    page.on('pageerror', lambda e: problems.append(f'JavaScript error: {e}'))
    page.on('requestfailed', lambda r: problems.append(f'failed request: {r.url} ({r.failure})'))
    page.on('response', lambda r: r.status >= 400 and problems.append(f'HTTP {r.status}: {r.url}'))
    page.on('request', lambda r: r.url.startswith((site, 'data:'))
            or problems.append(f'request to another host: {r.url}'))
    page.goto(f'{site}/{path}', wait_until='load')
    seen = page.evaluate(READ_PAGE)
    problems += [f'image not loaded: {src}' for src in seen['broken']]
    problems += [f'MathJax could not typeset: {error}' for error in seen['mathErrors']]
    links = page.eval_on_selector_all('a[href]', 'links => links.map(a => a.href.split("#")[0])')
    problems += [f'broken link: {url}' for url in sorted(set(links))
                 if url.startswith(site) and not found(url)]
    for raw in ('$', '\\', 'Loading widget', 'model_id', 'children='):
        if raw in seen['text']:
            at = seen['text'].index(raw)
            context = seen['text'][max(0, at - 80):at + 80]
            problems.append(f'raw {raw!r} in the text: ...{context}...')
    return page, seen, problems


def found(url):
    try:
        with urllib.request.urlopen(url, timeout=10):
            return True
    except urllib.error.HTTPError:
        return False


def image_outputs(notebook):
    return sum(any(k.startswith('image/') for k in o.get('data', {}))
               for c in notebook['cells'] for o in c.get('outputs', []))


def solution_headings(notebook):
    return sum(''.join(c['source']).count('#### Çözüm')
               for c in notebook['cells'] if c['cell_type'] == 'markdown')


def demo_cells(notebook):
    """Code cells that show a widget demo: they call d2l.*_demo."""
    return sum(bool(re.search(r'\bd2l\.\w+_demo\(', ''.join(c['source'])))
               for c in notebook['cells'] if c['cell_type'] == 'code')


def test_home_page_lists_the_chapters_in_order(browser, site):
    page, seen, problems = open_page(browser, site, 'index.html')
    chapters = page.eval_on_selector_all('nav.bd-links a', 'links => links.map(a => a.href)')
    page.close()
    assert not problems, '\n'.join(problems)
    assert [c.rsplit('/', 1)[1] for c in chapters] == [f'{n.stem}.html' for n in NOTEBOOKS]
    assert 'Derin Öğrenmeye Dalış' in seen['text']


def install_commands():
    """The commands of the README's install section, the part that site/index.md includes."""
    include = re.search(r'^:start-after: (.+)\n:end-before: (.+)$',
                        (ROOT / 'site' / 'index.md').read_text(encoding='utf-8'), re.M)
    assert include, 'site/index.md must include the README\'s install section, not copy it'
    readme = (ROOT / 'README.md').read_text(encoding='utf-8')
    section = readme.split(include.group(1))[1].split(include.group(2))[0]
    return re.findall(r'^bash .+$', section, re.M) + re.findall(r'`([^`\n]+)`', section)


def test_home_page_is_for_students(browser, site):
    page, _, problems = open_page(browser, site, 'index.html')
    article = page.inner_text('article')  # prose and code blocks alike
    links = page.eval_on_selector_all('article a[href]', 'a => a.map(e => e.href.split("#")[0])')
    page.close()
    assert not problems, '\n'.join(problems)
    shown = sorted({m.group() for m in MAINTAINER_ONLY.finditer(article)})
    assert not shown, f'the home page shows maintainers\' commands: {shown}'
    missing = [command for command in install_commands() if command not in article]
    assert not missing, f'the home page lacks the README\'s install commands: {missing}'
    for notebook in NOTEBOOKS:
        assert f'{site}/notebooks/{notebook.stem}.html' in links, f'no link to {notebook.stem}'


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=lambda p: p.stem)
def test_chapter_page_reads_correctly(browser, site, notebook):
    page, seen, problems = open_page(browser, site, f'notebooks/{notebook.stem}.html')
    cells = json.loads(notebook.read_text(encoding='utf-8'))
    links = {a: page.eval_on_selector(f'a[href^="{a}"]', 'a => a.href')
             for a in ('https://colab.research.google.com/', 'https://mybinder.org/')}
    neighbours = {side: page.eval_on_selector_all(f'.prev-next-area a.{side}',
                                                  'a => a.map(e => e.href)')
                  for side in ('left-prev', 'right-next')}
    demos = demo_cells(cells)
    demo_shots = page.eval_on_selector_all(f'.cell_output img[src$="/{notebook.stem}.png"]',
                                           'imgs => imgs.length')
    toc = page.eval_on_selector_all('#pst-page-toc-nav a', 'a => a.map(e => e.textContent.trim())')
    solutions = page.eval_on_selector_all('p.rubric', 'p => p.map(e => e.textContent.trim())')
    if notebook.stem == SHOT_OF:  # the section on the Gram matrix: prose, math, code
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.locator('h2, h3', has_text='Gram').first.evaluate('h => h.scrollIntoView()')
        page.screenshot(path=ARTIFACTS / f'site-{notebook.stem}.png')
    page.close()

    assert not problems, '\n'.join(problems)
    assert seen['math'] > 0, 'no formula was typeset by MathJax'
    assert seen['figures'] == image_outputs(cells) + demos, \
        'not every figure the notebook output is on the page'
    assert seen['noAlt'] == 0, \
        'a figure has no alt text: give its cell metadata mystnb.image.alt'
    assert demo_shots == demos, 'each widget demo must be shown as the chapter screenshot'
    assert len(toc) == len(set(toc)) > 3, f'the page\'s table of contents repeats entries: {toc}'
    assert solutions == ['Çözüm'] * solution_headings(cells), 'every solution heading must show'
    repo = REPOSITORY_URL.removeprefix('https://github.com/')
    path = f'notebooks/{notebook.name}'
    assert links['https://colab.research.google.com/'] == \
        f'https://colab.research.google.com/github/{repo}/blob/{BRANCH}/{path}'
    assert links['https://mybinder.org/'].endswith(f'/{BRANCH}?urlpath=lab/tree/{path}')
    i = NOTEBOOKS.index(notebook)
    before = ['index.html'] if i == 0 else [f'{NOTEBOOKS[i - 1].stem}.html']
    after = [f'{NOTEBOOKS[i + 1].stem}.html'] if i + 1 < len(NOTEBOOKS) else []
    assert [h.rsplit('/', 1)[1] for h in neighbours['left-prev']] == before
    assert [h.rsplit('/', 1)[1] for h in neighbours['right-next']] == after


def test_search_finds_the_style_transfer_chapter_by_a_turkish_word(browser, site):
    page, _, problems = open_page(browser, site, 'search.html?q=Gram')
    page.wait_for_selector('#search-results ul.search li', timeout=30_000)
    hits = page.eval_on_selector_all('#search-results ul.search li a', 'a => a.map(e => e.href)')
    page.close()
    assert not problems, '\n'.join(problems)
    chapter = '/notebooks/02-sinir-stil-transferi.html'
    assert any(h.split('?')[0].endswith(chapter) for h in hits), hits
