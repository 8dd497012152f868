"""Sphinx configuration of the course website (built by scripts/build-site.sh).

The sources are staged by site/stage.py into _build/source: site/index.md as the home page (for
students: the course, its chapters, how to run them, the last from the README's install section,
which it includes; the rest of the README is for the repository) and the committed, executed
notebooks (never re-executed here), their widget demos replaced by screenshots.
Everything the pages load is served with the site: MathJax comes from site/node_modules
(installed by `bash scripts/install.sh site` or `test`), nothing is fetched from a CDN. So does
reveal.js, which the chapters' lecture decks (site/deck.py, written into slides/ by
scripts/build-site.sh) load.
"""
import shutil
import tomllib
from pathlib import Path

# The repository's public address, kept in pyproject.toml ([project.urls]): the Colab and Binder
# links of every chapter and the links from the home page to repository files are made from it.
REPOSITORY_URL = tomllib.loads((Path(__file__).parents[1] / 'pyproject.toml').read_text(
    encoding='utf-8'))['project']['urls']['Repository']
BRANCH = 'main'

MATHJAX = Path(__file__).parent / 'node_modules' / 'mathjax' / 'es5'
REVEAL = Path(__file__).parent / 'node_modules' / 'reveal.js'
# what the decks load of reveal.js: its code, its style, the white theme and that theme's font,
# and the speaker notes' plugin (the key S opens the instructor's view)
REVEAL_FILES = ['dist/reveal.js', 'dist/reveal.css', 'dist/theme/white.css',
                'plugin/notes/notes.js',
                'dist/theme/fonts/source-sans-pro/source-sans-pro.css',
                *(f'dist/theme/fonts/source-sans-pro/source-sans-pro-{face}.woff'
                  for face in ('regular', 'italic', 'semibold', 'semibolditalic'))]

project = 'Derin Öğrenmeye Dalış'
author = 'd2lmini-tr'
copyright = '2026, d2lmini-tr (kod MIT, şekiller CC BY-SA 4.0)'
language = 'tr'

extensions = ['myst_nb']
include_patterns = ['index.md', 'notebooks/*.ipynb']
myst_enable_extensions = ['dollarmath', 'amsmath']
myst_heading_anchors = 3
nb_execution_mode = 'off'
nb_ipywidgets_js = {}  # demos are shown as screenshots: no widget JavaScript from a CDN
# '#### Çözüm' under '## Alıştırmalar' is the exercises' convention, not a mistake
suppress_warnings = ['myst.header']

html_theme = 'sphinx_book_theme'
html_title = project
html_copy_source = False
html_show_sourcelink = False
html_static_path = ['_static']
# hub-link.js: the chapter pages' box that makes nbgitpuller links for a class hub
html_js_files = ['search-tr.js', ('hub-link.js', {'data-repository': REPOSITORY_URL})]
html_favicon = '_static/favicon.svg'
html_context = {'default_mode': 'auto'}  # light or dark as the reader's system prefers
html_theme_options = {
    'repository_url': REPOSITORY_URL,
    'repository_branch': BRANCH,
    'path_to_docs': '',
    'use_repository_button': True,
    'launch_buttons': {'colab_url': 'https://colab.research.google.com',
                       'binderhub_url': 'https://mybinder.org',
                       'notebook_interface': 'jupyterlab'},
    'show_toc_level': 2,
}
mathjax_path = 'mathjax/tex-chtml-full.js'  # relative to _static, copied there when the build ends


def copy_mathjax_and_reveal(app, exception):
    """Serve MathJax's TeX-to-HTML bundle and its fonts, and reveal.js, with the site."""
    if exception is not None or app.builder.format != 'html':
        return
    for needed in (MATHJAX / 'tex-chtml-full.js', *(REVEAL / name for name in REVEAL_FILES)):
        if not needed.exists():
            raise FileNotFoundError(f'{needed} yok / missing: bash scripts/install.sh site')
    target = Path(app.outdir) / '_static' / 'mathjax'
    shutil.rmtree(target, ignore_errors=True)
    fonts = Path('output') / 'chtml' / 'fonts' / 'woff-v2'
    shutil.copytree(MATHJAX / fonts, target / fonts)
    shutil.copy2(MATHJAX / 'tex-chtml-full.js', target)
    target = Path(app.outdir) / '_static' / 'reveal.js'
    shutil.rmtree(target, ignore_errors=True)
    for name in REVEAL_FILES:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REVEAL / name, target / name)


def setup(app):
    app.connect('build-finished', copy_mathjax_and_reveal)
