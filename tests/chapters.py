"""The course's notebooks, in order, and which of them has a classroom demo.

Every notebook under ``notebooks/`` is a chapter: adding one adds it here. An appendix (its name
has ``-ek-``, Turkish for "appendix") is optional reading beside a chapter: it has no classroom
demo (``demos/``) and no screenshot in the README. Every other notebook has both.
"""
from pathlib import Path

CHAPTERS = [path.stem for path in sorted((Path(__file__).parents[1] / 'notebooks').glob('*.ipynb'))]
WITH_A_DEMO = [name for name in CHAPTERS if '-ek-' not in name]
