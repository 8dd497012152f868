#!/usr/bin/env bash
# Build the course website from the committed, executed notebooks (nothing is re-executed):
#   bash scripts/build-site.sh      ->  _build/html/index.html
# Needs `bash scripts/install.sh test` (Sphinx, myst-nb, sphinx-book-theme, MathJax); works offline.
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
[ -x "$py" ] || py=python3
"$py" site/stage.py _build/source
"$py" -m sphinx -b html -E -q -W --keep-going -d _build/doctrees -c site _build/source _build/html
echo "Site: _build/html/index.html ($(du -sh _build/html | cut -f1))"
