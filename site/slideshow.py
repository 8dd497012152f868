"""What turns a chapter into its lecture deck (site/deck.py runs it) and what checks the deck.

The deck is the notebook's shown cells, with three changes (``deck_cells``):

- a code cell tagged ``slide-hide-input`` shows its output only (helpers, plots, tables, asserts);
- a shown markdown cell is cut before every ``###`` heading that is not its first line and at
  every line ``<!-- slide -->`` (a comment, invisible in JupyterLab and on the site); each piece
  after the first is a subslide of its own;
- progress bars (tqdm's text or widget) and widget outputs are left out.

``slide_type: notes`` cells are the instructor's speaker notes (reveal.js shows them with ``S``).
``offenders`` walks every slide of a deck in Chromium at 1280 x 720 (the slide's size) and names
each that is taller than the slide, shows more than 15 lines of code (non-blank lines of input),
shows nothing, or shows a progress bar. tests/test_decks.py asserts there are none. While tagging
the chapters, build only their decks and list the offenders in a few seconds (no Sphinx needed):

    PYTHONPATH=$PWD .venv/bin/python site/slideshow.py [notebooks/CHAPTER.ipynb ...]
"""
import copy
import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat
from nbconvert.preprocessors import Preprocessor

from chromium import CHROMIUM, FLAGS

ROOT = Path(__file__).parents[1]
HIDE_INPUT = 'slide-hide-input'
SLIDE_SIZE = (1280, 720)  # site/deck.py's reveal_width and reveal_height
MAX_CODE_LINES = 15
CUT = re.compile(r'^(?=### )|^<!-- slide -->[ \t]*\n?', re.M)  # where a markdown cell is cut
WIDGET = 'application/vnd.jupyter.widget-view+json'
PROGRESS_BAR = r'\d+%\|'  # tqdm's text: "eğitim:  40%|████      | 4/10"


def slide_type(cell):
    """A cell's ``slideshow.slide_type``; ``-`` (continue the slide) when it has none."""
    return cell.get('metadata', {}).get('slideshow', {}).get('slide_type', '-')


def split_markdown(cell):
    """A shown markdown cell as one cell per piece; the pieces after the first are subslides."""
    pieces = [p for p in CUT.split(''.join(cell['source'])) if p.strip()]
    if cell['cell_type'] != 'markdown' or slide_type(cell) in ('skip', 'notes') or len(pieces) < 2:
        return [cell]
    cells = []
    for number, piece in enumerate(pieces):
        part = copy.deepcopy(cell)
        part['source'] = piece.strip('\n')
        if number:
            part['id'] = f"{cell.get('id', 'cell')}-{number}"
            part['metadata']['slideshow'] = {'slide_type': 'subslide'}
        cells.append(part)
    return cells


def shown_on_slide(output):
    """Whether an output belongs on a slide: no widget, no progress bar."""
    data = output.get('data', {})
    text = ''.join(output.get('text', '')) + ''.join(data.get('text/plain', ''))
    return WIDGET not in data and not re.search(PROGRESS_BAR, text)


def deck_cells(cells):
    """The cells of the deck made from ``cells`` (the notebook's are left as they are)."""
    shown = []
    for cell in cells:
        for part in split_markdown(cell):
            if part['cell_type'] == 'code':
                part = {**part, 'outputs': [o for o in part['outputs'] if shown_on_slide(o)]}
            shown.append(part)
    return shown


class DeckPreprocessor(Preprocessor):
    """nbconvert's step that makes a notebook's cells into the deck's (``deck_cells``)."""

    def preprocess(self, nb, resources):
        """The notebook with its deck's cells and no widget state."""
        nb.cells = nbformat.from_dict(deck_cells(nb.cells))
        nb.metadata.pop('widgets', None)
        return nb, resources


# Walks every slide (reveal.js's linear order: the counter's numbers) and measures it.
MEASURE = r"""
async ({maxCode, height, progressBar}) => {
  await MathJax.startup.promise;
  await Promise.all([...document.querySelectorAll('img')].map(i => i.decode().catch(() => null)));
  Reveal.configure({transition: 'none'});
  const found = [];
  const slides = Reveal.getSlides();
  for (const [index, slide] of slides.entries()) {
    const at = Reveal.getIndices(slide);
    Reveal.slide(at.h, at.v);
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
    const where = `slide ${index + 1}`;
    if (slide.scrollHeight > height)
      found.push(`${where}: ${slide.scrollHeight} px tall, the slide is ${height} px`);
    const code = [...slide.querySelectorAll('.jp-InputArea pre')]
      .map(pre => pre.textContent.split('\n').filter(line => line.trim()).length)
      .reduce((a, b) => a + b, 0);
    if (code > maxCode) found.push(`${where}: ${code} lines of code (at most ${maxCode})`);
    const walker = document.createTreeWalker(slide, NodeFilter.SHOW_TEXT);
    let text = '';
    while (walker.nextNode())
      if (!walker.currentNode.parentElement.closest('aside.notes, script, style'))
        text += walker.currentNode.data;
    if (!text.trim() && !slide.querySelector('img, svg, mjx-container'))
      found.push(`${where}: empty`);
    if (new RegExp(progressBar).test(text) || slide.querySelector('.jupyter-widgets'))
      found.push(`${where}: a progress bar or a widget`);
  }
  Reveal.slide(0, 0);
  return {found, count: slides.length};
}
"""


def offenders(page):
    """Every slide of the deck open in ``page`` that does not fit, as 'slide N: why' lines, and
    the number of slides. The page's viewport must be the slide's size."""
    seen = page.evaluate(MEASURE, {'maxCode': MAX_CODE_LINES, 'height': SLIDE_SIZE[1],
                                   'progressBar': PROGRESS_BAR})
    return seen['found'], seen['count']


def build_decks(notebooks, folder):
    """The decks of ``notebooks`` as made for the site, written to ``folder/slides``, with
    reveal.js and MathJax linked into ``folder/_static``; their paths."""
    from stage import deck_notebook  # site/stage.py: the site's deck sources
    sources, static = folder / 'decks', folder / '_static'
    sources.mkdir(parents=True)
    static.mkdir()
    (sources / 'img').symlink_to(ROOT / 'img', target_is_directory=True)
    (static / 'reveal.js').symlink_to(ROOT / 'site' / 'node_modules' / 'reveal.js')
    (static / 'mathjax').symlink_to(ROOT / 'site' / 'node_modules' / 'mathjax' / 'es5')
    for notebook in notebooks:
        staged = deck_notebook(json.loads(notebook.read_text(encoding='utf-8')), notebook.stem)
        (sources / notebook.name).write_text(json.dumps(staged, ensure_ascii=False), 'utf-8')
    subprocess.run([sys.executable, 'site/deck.py', '--log-level=WARN',
                    '--output-dir', str(folder / 'slides'),
                    *(str(sources / n.name) for n in notebooks)], cwd=ROOT, check=True)
    return [folder / 'slides' / f'{n.stem}.slides.html' for n in notebooks]


def report(notebooks):
    """Print each offending slide of the notebooks' decks; return how many there are."""
    from playwright.sync_api import sync_playwright
    total = 0
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        decks = build_decks(notebooks, Path(folder))
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport=dict(zip(('width', 'height'), SLIDE_SIZE)))
        for deck in decks:
            page.goto(deck.as_uri())
            page.wait_for_function('() => window.Reveal?.isReady() && window.MathJax?.startup')
            found, count = offenders(page)
            print(f'{deck.name}: {count} slides, {len(found)} offending')
            print(''.join(f'  {line}\n' for line in found), end='')
            total += len(found)
        browser.close()
    return total


if __name__ == '__main__':
    sys.exit(min(1, report([Path(p).resolve() for p in sys.argv[1:]]
                          or sorted((ROOT / 'notebooks').glob('*.ipynb')))))
