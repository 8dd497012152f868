"""The instructor's guide (demos/README.md) agrees with the chapters and their decks.

Each chapter has a lesson plan (``### Bölüm N dersi``) and a demo plan (``## Bölüm N: …``):
its "chapter sections". The rules, which the guide's plans follow:

- every number a lesson plan quotes (a decimal such as ``0.370`` or ``4.51e-03``, a percentage,
  a figure grouped in thousands such as ``10 000``) appears in chapter N's committed outputs or,
  for a setting, in its code. Integers are left out: they are slide numbers, minutes, sizes,
  layers and epochs. The demo plans describe the app, not the chapter's outputs;
- a measured time or memory figure (a number in ``s``, ``saniye``, ``GB`` or ``MB``) in a chapter
  section names its measurement in the same paragraph, table row or list item:
  ``(ölçüm: where, when, on what and under what load)``. Minutes (``dakika``, ``dk``) are the
  plan's own durations, not measurements;
- a lesson plan's deck has the number of slides the plan says, its slide references never go
  back (the deck is walked forwards), and none is past the last slide;
- decimals are written with a dot, as in the chapters.

The style studio's first press at the default size, whose time the guide quotes, is measured by
tests/test_voila.py as the studio's first use (``-k "classroom_app and 02-"``, written to
``artifacts/voila/style-transfer-times.txt``); its other times there (a second press, 300 x 450)
were measured when that test pressed three times.
"""
import json
import re

from slideshow import deck_cells
from helpers import ROOT, expected_slides


GUIDE = ROOT / 'demos' / 'README.md'
TEXT = ('text/plain', 'text/html', 'text/markdown')  # the outputs a reader sees as text
NUMBER = re.compile(r'(?<![\w.])(?:\d+\.\d+(?:e[-+]?\d+)?|\d{1,3}(?: \d{3})+(?!\d)'
                    r'|%\s?\d+(?:\.\d+)?|\d+(?:\.\d+)?\s?%)')
MEASURED = re.compile(r'(?<![\w.])\d+(?:\.\d+)?\s?(?:s|saniye\w*|GB|MB)\b')
SECTION = re.compile(r'^(#{2,3}) (.*)$', re.M)
CHAPTER = re.compile(r'^Bölüm (\d)\b')


def chapter_sections():
    """``(chapter notebook, heading, body)`` of each chapter section of the guide."""
    text = GUIDE.read_text(encoding='utf-8')
    heads = list(SECTION.finditer(text))
    for head, after in zip(heads, heads[1:] + [None]):
        chapter = CHAPTER.match(head.group(2))
        if chapter:
            body = text[head.end():after.start() if after else len(text)]
            notebook, = (ROOT / 'notebooks').glob(f'0{chapter.group(1)}-*.ipynb')
            yield notebook, head.group(2), body


def lesson_plans():
    """``(chapter notebook, body)`` of each lesson plan."""
    return [(nb, body) for nb, heading, body in chapter_sections() if ' dersi' in heading]


def blocks(body):
    """The paragraphs, list items and table rows of a section, code spans left out."""
    body = re.sub(r'`[^`\n]*`', '', body)
    return [b for b in re.split(r'\n\s*\n|\n(?=\s*(?:[-|]|\d+\.) )', body) if b.strip()]


def value(number):
    """A quoted number as a chapter would print it: no %, no space between thousands."""
    return re.sub(r'[%\s]', '', number)


def printed(notebook):
    """The numbers a chapter prints (its outputs' text) and the numbers its code sets."""
    cells = json.loads(notebook.read_text(encoding='utf-8'))['cells']
    code = [c for c in cells if c['cell_type'] == 'code']
    outputs = ' '.join(''.join(o.get('text', '')) + ' '.join(
        ''.join(o.get('data', {}).get(kind, '')) for kind in TEXT)
        for c in code for o in c['outputs'])
    source = ' '.join(''.join(c['source']) for c in code).replace('_', '')
    return outputs, source


def appears(number, text):
    return re.search(rf'(?<![\d.]){re.escape(number)}(?![\d])', text) is not None


def test_the_lesson_plans_quote_only_numbers_the_chapters_print():
    missing = []
    for notebook, body in lesson_plans():
        outputs, source = printed(notebook)
        missing += [f'{notebook.stem}: {n}' for n in NUMBER.findall(re.sub(r'`[^`\n]*`', '', body))
                    if not appears(value(n), outputs) and not appears(value(n), source)]
    assert not missing, ('numbers in the lesson plans that the chapters do not print:\n'
                         + '\n'.join(missing))


def test_measured_times_and_memory_name_their_measurement():
    unnamed = [f'{heading}: {block.strip()[:120]}' for _, heading, body in chapter_sections()
               for block in blocks(body)
               if MEASURED.search(block) and not re.search(r'\(ölçüm: [^)]+\)', block)]
    assert not unnamed, ('times or memory without "(ölçüm: …)" in the same paragraph, row or '
                         'item:\n' + '\n'.join(unnamed))


def test_the_lesson_plans_walk_their_decks_forwards():
    for notebook, body in lesson_plans():
        slides = expected_slides(deck_cells(json.loads(notebook.read_text('utf-8'))['cells']))
        said = re.search(rf'`{notebook.stem}\.slides\.html` \((\d+) slayt\)', body)
        assert said and int(said.group(1)) == slides, f'{notebook.stem}: the deck has {slides}'
        rows = [line.split('|')[2] for line in body.splitlines()
                if re.match(r'\| \d+–\d+ \|', line)]
        references = [int(n) for row in rows for n in re.findall(r'\d+', row)]
        assert references, f'{notebook.stem}: no plan table'
        assert references == sorted(references), f'{notebook.stem} goes back: {rows}'
        assert references[-1] == slides, f'{notebook.stem}: the plan ends before slide {slides}'


def test_decimals_are_written_with_a_dot():
    commas = re.findall(r'.{0,30}(?<![\d,])\d+,\d+(?![\d,]).{0,10}',
                        GUIDE.read_text(encoding='utf-8'))
    assert not commas, 'decimal commas in the guide:\n' + '\n'.join(commas)
