#!/usr/bin/env bash
# Write each chapter's student edition, the chapter without its solutions, for homework:
#   bash scripts/student-edition.sh          ->  student/*.ipynb (git-ignored; beside notebooks/,
#                                                 so that the figures under img/ show)
#   bash scripts/student-edition.sh FOLDER   ->  FOLDER/*.ipynb
# Solutions ('#### Çözüm' cells, cells tagged `solution`) are removed, the exercise starters'
# outputs cleared, every other cell kept as it is (tools/student_edition.py).
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
[ -x "$py" ] || py=python3
"$py" -m tools.student_edition "$@"
