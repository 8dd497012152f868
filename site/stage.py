"""Stage the website's Sphinx sources: python site/stage.py TARGET.

TARGET gets index.md (the students' home page, site/index.md, with links to repository files made
absolute and the chapters' table of contents appended), notebooks/ (the committed, executed
notebooks: every widget output removed, each demo cell showing the chapter's screenshot from
img/screenshots/ and a note that the demo runs live in JupyterLab, hidden solution cells folded,
each "#### Çözüm" heading a rubric, so that the page's table of contents lists sections, not one
"Çözüm" per exercise, and under the title a line linking the chapter's lecture deck and student
edition), decks/ (the sources of the lecture decks, site/deck.py: the notebooks with their
widgets replaced by the screenshots and their figures linked from decks/img/, since nbconvert
embeds only the files under a notebook's folder), img/ (a link to the repository's img/) and
README.md (a link to the repository's README, whose install section the home page includes: the
install instructions are written once, in the README).
scripts/build-site.sh writes the decks into slides/ and the student editions into student/
beside the pages.
"""
import json
import re
import shutil
import sys
from pathlib import Path

from conf import BRANCH, REPOSITORY_URL

ROOT = Path(__file__).parents[1]
WIDGET = 'application/vnd.jupyter.widget-view+json'
DEMO_CELL = re.compile(r'\bd2l\.\w+_demo\(')  # a cell showing a widget demo
LINK = re.compile(r'(?<!!)(\[[^\]]*\])\((?!https?:|#|notebooks/)([^)\s]+)\)')  # to a repo file
SOLUTION = re.compile(r'^#### (Çözüm)[ \t]*$', re.M)  # an exercise's solution heading
NOTE = ('Bu gösteri JupyterLab\'de ya da Voilà ile canlı çalışır; burada onun JupyterLab\'de '
        'çekilmiş bir görüntüsünü görüyorsunuz.')
TITLE = re.compile(r'^# .*$', re.M)  # a chapter's title line
KIT = ('<a href="../slides/{stem}.slides.html">Ders sunumu</a> (slaytlar) · '
       '<a href="../student/{stem}.ipynb" download>Öğrenci baskısı</a> '
       '(çözümsüz defter, ödev için)')


def home_page(source, chapters):
    """The home page's markdown, followed by the (hidden) table of contents of the chapters."""
    text = LINK.sub(lambda m: f'{m.group(1)}({REPOSITORY_URL}/blob/{BRANCH}/{m.group(2)})', source)
    toc = '\n'.join(f'notebooks/{c.stem}' for c in chapters)
    return f'{text}\n```{{toctree}}\n:hidden:\n:caption: Bölümler\n\n{toc}\n```\n'


def screenshot_output(stem):
    """A markdown output: the chapter's demo screenshot and where the demo runs live."""
    if not (ROOT / 'img' / 'screenshots' / f'{stem}.png').exists():
        raise FileNotFoundError(f'img/screenshots/{stem}.png is missing (tests/test_browser.py)')
    image = f'![Gösterinin JupyterLab\'deki görüntüsü](../img/screenshots/{stem}.png)'
    markdown = f'{image}\n\n*{NOTE}*\n'
    return {'output_type': 'display_data', 'metadata': {}, 'data': {'text/markdown': markdown}}


def without_widgets(notebook, stem):
    """The notebook with every widget output removed, each demo cell showing the screenshot."""
    for cell in notebook['cells']:
        if cell['cell_type'] != 'code':
            continue
        outputs = [o for o in cell['outputs'] if WIDGET not in o.get('data', {})]
        if DEMO_CELL.search(''.join(cell['source'])):
            outputs.append(screenshot_output(stem))
        cell['outputs'] = outputs
    notebook['metadata'].pop('widgets', None)
    return notebook


def deck_notebook(notebook, stem):
    """The source of the chapter's deck: no widgets, the figures linked from ``img/`` beside it."""
    def relink(text):
        return ''.join(text).replace('../img/', 'img/')

    for cell in without_widgets(notebook, stem)['cells']:
        if cell['cell_type'] == 'markdown':
            cell['source'] = relink(cell['source'])
        for output in cell.get('outputs', []):
            if 'text/markdown' in output.get('data', {}):
                output['data']['text/markdown'] = relink(output['data']['text/markdown'])
    return notebook


def static_notebook(notebook, stem):
    """The chapter's page: no widgets, hidden solutions fold, the kit's links under the title."""
    titled = False
    for cell in without_widgets(notebook, stem)['cells']:
        if cell['cell_type'] == 'markdown':
            text = SOLUTION.sub(r'```{rubric} \1\n```', ''.join(cell['source']))
            if not titled and TITLE.search(text):
                text = TITLE.sub(lambda m: f'{m.group()}\n\n{KIT.format(stem=stem)}', text, 1)
                titled = True
            cell['source'] = text
        if cell['cell_type'] != 'code':
            continue
        hidden = cell['metadata'].get('jupyter', {})
        folds = [tag for key, tag in (('source_hidden', 'hide-input'),
                                      ('outputs_hidden', 'hide-output')) if hidden.get(key)]
        cell['metadata']['tags'] = cell['metadata'].get('tags', []) + folds
    return notebook


def stage(target):
    """Write the Sphinx sources into the folder ``target`` (made anew)."""
    shutil.rmtree(target, ignore_errors=True)
    for folder in ('notebooks', 'decks'):
        (target / folder).mkdir(parents=True)
    chapters = sorted((ROOT / 'notebooks').glob('*.ipynb'))
    for chapter in chapters:
        for folder, staged in (('notebooks', static_notebook), ('decks', deck_notebook)):
            notebook = staged(json.loads(chapter.read_text(encoding='utf-8')), chapter.stem)
            text = json.dumps(notebook, ensure_ascii=False)
            (target / folder / chapter.name).write_text(text, encoding='utf-8')
    source = (ROOT / 'site' / 'index.md').read_text(encoding='utf-8')
    (target / 'index.md').write_text(home_page(source, chapters), encoding='utf-8')
    for folder in (target, target / 'decks'):
        (folder / 'img').symlink_to(ROOT / 'img', target_is_directory=True)
    (target / 'README.md').symlink_to(ROOT / 'README.md')


if __name__ == '__main__':
    stage(Path(sys.argv[1]))
