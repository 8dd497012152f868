"""Stage the website's Sphinx sources: python site/stage.py TARGET.

TARGET gets index.md (the students' home page, site/index.md, with links to repository files made
absolute and the chapters' table of contents appended), notebooks/ (the committed, executed
notebooks: every widget output removed, each demo cell showing the chapter's screenshot from
img/screenshots/ and a note that the demo runs live in JupyterLab, hidden solution cells folded,
each "#### Çözüm" heading a rubric, so that the page's table of contents lists sections, not one
"Çözüm" per exercise) and img/ (a link to the repository's img/).
"""
import json
import re
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from conf import BRANCH, REPOSITORY_URL  # noqa: E402

ROOT = Path(__file__).parents[1]
WIDGET = 'application/vnd.jupyter.widget-view+json'
DEMO_CELL = re.compile(r'\bd2l\.\w+_demo\(')  # a cell showing a widget demo
LINK = re.compile(r'(?<!!)(\[[^\]]*\])\((?!https?:|#|notebooks/)([^)\s]+)\)')  # to a repo file
SOLUTION = re.compile(r'^#### (Çözüm)[ \t]*$', re.M)  # an exercise's solution heading
NOTE = ('Bu gösteri JupyterLab\'de ya da Voilà ile canlı çalışır; burada onun JupyterLab\'de '
        'çekilmiş bir görüntüsünü görüyorsunuz.')


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


def static_notebook(notebook, stem):
    """The notebook without widgets: each demo cell shows the screenshot, hidden solutions fold."""
    for cell in notebook['cells']:
        if cell['cell_type'] == 'markdown':
            cell['source'] = SOLUTION.sub(r'```{rubric} \1\n```', ''.join(cell['source']))
        if cell['cell_type'] != 'code':
            continue
        outputs = [o for o in cell['outputs'] if WIDGET not in o.get('data', {})]
        if DEMO_CELL.search(''.join(cell['source'])):
            outputs.append(screenshot_output(stem))
        cell['outputs'] = outputs
        hidden = cell['metadata'].get('jupyter', {})
        folds = [tag for key, tag in (('source_hidden', 'hide-input'),
                                      ('outputs_hidden', 'hide-output')) if hidden.get(key)]
        cell['metadata']['tags'] = cell['metadata'].get('tags', []) + folds
    notebook['metadata'].pop('widgets', None)
    return notebook


def stage(target):
    """Write the Sphinx sources into the folder ``target`` (made anew)."""
    shutil.rmtree(target, ignore_errors=True)
    (target / 'notebooks').mkdir(parents=True)
    chapters = sorted((ROOT / 'notebooks').glob('*.ipynb'))
    for chapter in chapters:
        notebook = json.loads(chapter.read_text(encoding='utf-8'))
        text = json.dumps(static_notebook(notebook, chapter.stem), ensure_ascii=False)
        (target / 'notebooks' / chapter.name).write_text(text, encoding='utf-8')
    source = (ROOT / 'site' / 'index.md').read_text(encoding='utf-8')
    (target / 'index.md').write_text(home_page(source, chapters), encoding='utf-8')
    (target / 'img').symlink_to(ROOT / 'img', target_is_directory=True)


if __name__ == '__main__':
    stage(Path(sys.argv[1]))
