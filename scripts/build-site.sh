#!/usr/bin/env bash
# Build the course website from the committed, executed notebooks (nothing is re-executed):
#   bash scripts/build-site.sh      ->  _build/html/index.html
# with each chapter's lecture deck (_build/html/slides/*.slides.html, reveal.js) and student
# edition (_build/html/student/*.ipynb, the chapter without its solutions) beside the pages.
# Needs `bash scripts/install.sh site` or `test` (Sphinx, myst-nb, sphinx-book-theme, MathJax,
# reveal.js); works offline.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
[ -x "$py" ] || py=python3
"$py" site/stage.py _build/source
"$py" -m sphinx -b html -E -q -W --keep-going -d _build/doctrees -c site _build/source _build/html
rm -rf _build/html/slides _build/html/student
"$py" -m tools.student_edition _build/html/student >/dev/null
"$py" site/deck.py --log-level=WARN --output-dir _build/html/slides _build/source/decks/*.ipynb
echo "Site: _build/html/index.html ($(du -sh _build/html | cut -f1))"
