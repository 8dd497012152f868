"""Hygiene of the committed notebooks: what a student downloads must be clean, and a lesson.

Re-execution is nbval's job (``--nbval-lax`` in pyproject.toml): every cell must run without
error, and cells tagged ``nbval-check-output`` must also reproduce their committed output
(nbval's directives are cell tags, never comments in the source). Lax mode fits a course whose
committed outputs come from a full-fidelity run while CI runs in quick mode: training curves
and timings differ between the two, deterministic demos do not.

The form rules of issue 11 (the team's notebook conventions) are checked by small functions,
``*_problems(nb)``, each returning what it found wrong in one notebook; every one is run on
every committed notebook and, to show that it can fail, on small good and broken notebooks.
"""
import ast
import json
import re
import subprocess
import sys
from decimal import Decimal

import pytest

from helpers import CHAPTERS, ROOT, WITH_A_DEMO


NOTEBOOKS = sorted((ROOT / 'notebooks').glob('*.ipynb'))
MACHINE_PATH = re.compile(r'/root/|/home/|/tmp/|/work/|/Users/|[A-Z]:\\\\')


def test_the_readme_lists_every_chapter_and_the_appendix():
    readme = (ROOT / 'README.md').read_text(encoding='utf-8')
    for name in CHAPTERS:
        assert f'notebooks/{name}.ipynb' in readme


@pytest.fixture(params=NOTEBOOKS, ids=lambda p: p.stem)
def notebook(request):
    path = request.param
    return path, json.loads(path.read_text(encoding='utf-8'))


def code_cells(nb):
    return [c for c in nb['cells'] if c['cell_type'] == 'code']


COLAB_CELL = "'google.colab' in sys.modules"  # the cell that opens every chapter (test_colab.py)


def lesson_cells(nb):
    """The code cells after the Colab cell that opens every chapter, if it is there."""
    cells = code_cells(nb)
    return cells[1:] if cells and COLAB_CELL in ''.join(cells[0]['source']) else cells


def test_executed_in_order_from_a_fresh_kernel(notebook):
    _, nb = notebook
    counts = [c['execution_count'] for c in code_cells(nb)]
    assert counts == list(range(1, len(counts) + 1))


def test_has_outputs_and_no_errors(notebook):
    _, nb = notebook
    outputs = [o for c in code_cells(nb) for o in c['outputs']]
    assert any(o['output_type'] in ('display_data', 'execute_result') for o in outputs)
    errors = [o.get('ename') for o in outputs if o['output_type'] == 'error']
    assert errors == []
    stderr = ''.join(''.join(o['text']) for o in outputs if o.get('name') == 'stderr')
    assert 'Traceback' not in stderr


def test_no_machine_paths_in_outputs(notebook):
    _, nb = notebook
    found = MACHINE_PATH.findall(json.dumps([c['outputs'] for c in code_cells(nb)]))
    assert found == []


def test_at_most_one_megabyte_with_no_saved_widget_state(notebook):
    path, nb = notebook
    assert path.stat().st_size <= 1_000_000, 'photos as PNG/JPEG (d2l.use_svg_display does that)'
    assert 'widgets' not in nb['metadata'], 'saved widget state: re-run with tools.runner'


def test_linked_figures_exist(notebook):
    path, nb = notebook
    for cell in nb['cells']:
        if cell['cell_type'] == 'markdown':
            for link in re.findall(r'(?:src="|\]\()(\.\./img/[^")]+)', ''.join(cell['source'])):
                assert (path.parent / link).is_file(), link


def test_python3_kernel(notebook):
    _, nb = notebook
    assert nb['metadata']['kernelspec']['name'] == 'python3'


def test_readme_shows_a_small_screenshot_of_every_chapters_demo():
    readme = (ROOT / 'README.md').read_text(encoding='utf-8')
    for name in WITH_A_DEMO:
        shot = ROOT / 'img' / 'screenshots' / f'{name}.png'
        assert f'](img/screenshots/{name}.png)' in readme
        assert shot.is_file() and shot.stat().st_size < 300_000


# ---- form rules of issue 11 ----------------------------------------------------------------

NBVAL_TAGS = {'nbval-check-output', 'nbval-ignore-output', 'nbval-skip', 'raises-exception'}
IMPORT = re.compile(r'^\s*(import\s+\w|from\s+[\w.]+\s+import\s)', re.M)
ENGINEERING_TALK = re.compile(
    r'quick|hızlı kip|hizli kip|hızlı sürüm|(?-i:HIZLI)|D2LMINI_'
    r'|ortam değişken|environment variable'
    r'|os\.environ|(?-i:\bCI\b)|sürekli tümleştirme|nbval|pytest|birim test', re.I)
MAX_CELL_LINES = 25
MAX_LINE = 100


def source(cell):
    return ''.join(cell['source'])


def tags(cell):
    return cell.get('metadata', {}).get('tags', [])


def nbval_problems(nb):
    """nbval directives are tags, never ``NBVAL`` text; nbval-like tags are the real ones."""
    found = [f'cell {i}: "NBVAL" in the source (use a cell tag)'
             for i, c in enumerate(nb['cells']) if 'NBVAL' in source(c)]
    found += [f'cell {i}: unknown nbval tag {t!r}' for i, c in enumerate(nb['cells'])
              for t in tags(c) if t.lower().startswith('nbval') and t not in NBVAL_TAGS]
    return found


def import_problems(nb):
    """All imports in the first code cell, which also checks d2lmini's version."""
    cells = lesson_cells(nb)
    if not cells:
        return ['no code cell']
    found = [] if 'd2l.require_version(' in source(cells[0]) else [
        'the first code cell does not call d2l.require_version(...)']
    found += [f'code cell {i + 1}: import outside the first code cell: '
              f'{IMPORT.search(source(c)).group(0).strip()}'
              for i, c in enumerate(cells[1:], 1) if IMPORT.search(source(c))]
    return found


def quick_mode_problems(nb):
    """Quick mode is read in one settings cell near the top (2nd or 3rd code cell), nowhere else."""
    cells = lesson_cells(nb)
    names = {'QUICK'} | set(re.findall(r'^\s*(\w+)\s*=\s*d2l\.QUICK\b', '\n'.join(
        source(c) for c in cells), re.M))
    uses = [i for i, c in enumerate(cells) if any(re.search(rf'\b{n}\b', source(c)) for n in names)]
    found = []
    if len(uses) > 1:
        found.append('quick mode is read in code cells ' + ', '.join(str(i + 1) for i in uses)
                     + ': only the settings cell may read it')
    if uses and uses[0] not in (1, 2):
        found.append(f'the settings cell (quick mode) is code cell {uses[0] + 1}, '
                     'not the 2nd or 3rd')
    return found


def markdown_problems(nb):
    """Markdown never talks about quick mode, CI, tests, nbval, pytest, environment variables."""
    return [f'cell {i}: markdown mentions {m.group(0)!r}' for i, c in enumerate(nb['cells'])
            if c['cell_type'] == 'markdown' for m in [ENGINEERING_TALK.search(source(c))] if m]


def cell_length_problems(nb):
    """A code cell has at most 25 non-blank lines; no line (code or text) is over 100."""
    found = [f'code cell {i + 1}: {n} non-blank lines (at most {MAX_CELL_LINES})'
             for i, c in enumerate(code_cells(nb))
             for n in [sum(1 for line in source(c).splitlines() if line.strip())]
             if n > MAX_CELL_LINES]
    found += [f'cell {i}: a line of {len(line)} characters (at most {MAX_LINE})'
              for i, c in enumerate(nb['cells']) for line in source(c).splitlines()
              if len(line) > MAX_LINE]
    return found


def docstring_problems(nb):
    """Every def and class (nested ones too) opens with a one-line docstring."""
    found = []
    for i, cell in enumerate(code_cells(nb)):
        code = '\n'.join('pass' if line.lstrip().startswith(('%', '!')) else line
                         for line in source(cell).splitlines())
        try:
            tree = ast.parse(code)
        except SyntaxError as err:
            found.append(f'code cell {i + 1}: does not parse: {err}')
            continue
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                doc = ast.get_docstring(node, clean=False)
                if doc is None:
                    found.append(f'code cell {i + 1}: {node.name} has no docstring')
                elif '\n' in doc.strip():
                    found.append(f'code cell {i + 1}: the docstring of {node.name} is not one line')
    return found


def asserts(cell):
    """True if a code cell has an ``assert`` statement."""
    return any(isinstance(node, ast.Assert) for node in ast.walk(ast.parse(source(cell))))


def exercise_problems(nb):
    """Under "## Alıştırmalar": **N.** text, exercise cell(s), then a hidden "#### Çözüm" and
    hidden solution cell(s), the last of which asserts what the solution says."""
    cells = nb['cells']
    starts = [i for i, c in enumerate(cells) if c['cell_type'] == 'markdown'
              and source(c).lstrip().splitlines()[:1] == ['## Alıştırmalar']]
    if len(starts) != 1:
        return [f'{len(starts)} markdown cells start with "## Alıştırmalar" (want one)']
    found, number, i = [], 0, starts[0] + 1
    while i < len(cells) and not (cells[i]['cell_type'] == 'markdown'
                                  and re.match(r'#{1,2} ', source(cells[i]))):
        cell = cells[i]
        number += 1
        if not (cell['cell_type'] == 'markdown' and source(cell).startswith(f'**{number}.**')):
            found.append(f'cell {i}: exercise {number} should start here with "**{number}.**"')
            break
        i += 1
        steps = [('code', 'exercise'), ('markdown', '#### Çözüm'), ('code', 'solution')]
        for kind, mark in steps:
            first = i
            while i < len(cells) and cells[i]['cell_type'] == kind and (
                    mark in tags(cells[i]) if kind == 'code' else
                    source(cells[i]).splitlines()[:1] == [mark] and i == first):
                if mark != 'exercise' and not cells[i]['metadata'].get('jupyter', {}).get(
                        'source_hidden'):
                    found.append(f'cell {i}: solution of exercise {number} is not collapsed '
                                 '(metadata jupyter.source_hidden)')
                i += 1
            if i == first:
                what = f'a code cell tagged {mark!r}' if kind == 'code' else f'a "{mark}" cell'
                found.append(f'cell {i}: exercise {number} lacks {what} here')
                return found
        if not asserts(cells[i - 1]):
            found.append(f'cell {i - 1}: the solution of exercise {number} asserts nothing')
    if number == 0:
        found.append('no exercise under "## Alıştırmalar"')
    return found


# the markdown-number rule (issue 27): what a run printed is never restated in the prose
NOT_PROSE = re.compile(r'\]\([^)]*\)|<[^>]*>|\b\d{4}-\d{2}-\d{2}\b')  # link targets, tags, dates
PROSE_NUMBER = re.compile(r'(?<![\w.,])(%\s?|yüzde\s)?(\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)'
                          r'|\d+(?:[.,]\d+)?)(\s?%)?(?!\w)')
PRINTED_NUMBER = re.compile(r'(?<![\w.])(\d{1,3}(?:[ ,\u202f]\d{3})+(?!\d)|\d+(?:\.\d+)?)')
LITERAL = re.compile(r'\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?')
GROUPING = re.compile(r'[ ,\u00a0\u202f]')


def value(text):
    """A number's value and its count of decimals: '0.1840' -> (Decimal('0.1840'), 4)."""
    return Decimal(text), len(text.partition('.')[2])


def readings(number, percent):
    """The values a prose number may stand for: '0,97' is 0.97, '%7' 7 or 0.07, '77.235' also
    77235 (dot-grouped thousands)."""
    plain = re.sub(r'[ \u00a0\u202f]', '', number).replace(',', '.')
    found = [value(plain)]
    if re.fullmatch(r'[1-9]\d{0,2}(?:\.\d{3})+', plain):
        found.append(value(plain.replace('.', '')))
    return found + [(v / 100, d + 2) for v, d in found if percent]


def printed_numbers(nb):
    """Every number in the text the code cells print, except where nbval checks the output."""
    found = set()
    for cell in code_cells(nb):
        if 'nbval-check-output' in tags(cell):
            continue
        for out in cell['outputs']:
            texts = [out.get('text', '')] + [out.get('data', {}).get(mime, '') for mime in
                                             ('text/plain', 'text/markdown', 'text/html')]
            text = re.sub(r'<[^>]*>', ' ', ''.join(''.join(t) for t in texts))
            for match in PRINTED_NUMBER.finditer(text):
                found.add(value(GROUPING.sub('', match.group(1))))
                found.update(value(part) for part in GROUPING.split(match.group(1)))
    return found


def number_problems(nb):
    """A markdown cell quotes no number that the outputs print, unless a code cell writes it too.

    A number is a decimal (0.184, 0,97), a percentage (6.8 %, %7, yüzde 7), a grouped thousands
    figure (77 235) or an integer of 2+ digits. It counts as printed if an output shows it at
    least as precisely (0.1843 or 0.184 for 0.184; 0.068 for 6.8 %), and as written if a code
    cell's source holds the same value (hyperparameters: 0.05, 256, 1e-3). Not prose: link
    targets, HTML tags, dates (2026-12-06) and the references cell (## Kaynaklar). Not printed
    for this rule: the outputs of cells tagged nbval-check-output, the same on every run. Math
    counts (a run's number hides there as well). Remedies: a range that holds on every machine,
    a pointer to the printout ("yukarıdaki tabloda"), a constant as its formula ($8 \\log 2$), or
    a fact of every run asserted in code (``assert channels == 512`` writes 512).
    """
    written = {Decimal(x.replace('_', '')) for c in code_cells(nb)
               for x in LITERAL.findall(source(c))}
    printed = printed_numbers(nb)
    found = []
    for i, cell in enumerate(nb['cells']):
        if cell['cell_type'] != 'markdown' or source(cell).startswith('## Kaynaklar'):
            continue
        for match in PROSE_NUMBER.finditer(NOT_PROSE.sub(' ', source(cell))):
            before, number, after = match.groups()
            percent = bool(before or after)
            if not percent and len(number) < 2 or any(v in written for v, _ in
                                                     readings(number, percent)):
                continue
            if any(e >= d and abs(y - v) * 2 * 10 ** d <= 1
                   for v, d in readings(number, percent) for y, e in printed):
                found.append(f'cell {i}: {match.group(0).strip()!r} is printed by a code cell '
                             '(write a range that holds on every machine, or point to it)')
    return found


RULES = [nbval_problems, import_problems, quick_mode_problems, markdown_problems,
         cell_length_problems, docstring_problems, exercise_problems, number_problems]


@pytest.mark.parametrize('rule', RULES, ids=lambda r: r.__name__)
def test_form_of_issue_11(notebook, rule):
    _, nb = notebook
    assert rule(nb) == []


def test_ruff_finds_no_long_line_or_unused_name_in_the_repository():
    # configured in pyproject.toml ([tool.ruff]); ruff is one of the test tools
    result = subprocess.run([sys.executable, '-m', 'ruff', 'check', '--no-cache', '.'],
                            cwd=ROOT, capture_output=True, text=True)
    assert 'No module named ruff' not in result.stderr, \
        'pip install ruff (bash scripts/install.sh test)'
    assert result.returncode == 0, result.stdout + result.stderr


# ---- the rules on small notebooks, good and broken ------------------------------------------

def md(text, **metadata):
    return {'cell_type': 'markdown', 'metadata': metadata, 'source': text}


def code(text, *cell_tags, hidden=False, printed=''):
    metadata = {'tags': list(cell_tags)} if cell_tags else {}
    if hidden:
        metadata['jupyter'] = {'source_hidden': True, 'outputs_hidden': True}
    outputs = [{'output_type': 'stream', 'name': 'stdout', 'text': printed}] if printed else []
    return {'cell_type': 'code', 'metadata': metadata, 'source': text, 'outputs': outputs,
            'execution_count': None}


def good_notebook():
    return {'cells': [
        md('# Bölüm'),
        code('import torch\nimport d2lmini as d2l\n\nd2l.require_version(\'0.2\')'),
        code('HIZLI = d2l.QUICK   # eğitmen için: kısa koşu\nnum_epochs = 2 if HIZLI else 10'),
        md('Bir **tensör** oluşturalım; test doğruluğu da bir ölçüdür.'),
        code('def kare(x):\n    """x\'in karesini döndür."""\n    return x * x\n\n\n'
             'print(kare(30))', 'nbval-check-output', printed='900\n'),
        md('## Alıştırmalar\n\nDeneyin.'),
        md('**1.** Kareyi 4 için hesaplayın.'),
        code('print(kare(4))', 'exercise', printed='16\n'),
        md('#### Çözüm\n\n16 (bkz. 2026-12-06 tarihli [not](https://example.org/1406.2661)).\n'
           'Her makinede 900 ve 277 ile $4^2 = 16$; kaybın logaritması $8 \\log 2$ civarında.',
           jupyter={'source_hidden': True}),
        code('assert kare(4) == 16', 'solution', hidden=True),
        md('**2.** Kavramsal bir soru.'),
        code('print(kare(2))', 'exercise'),
        code("print(f'{kare(0.9):.4f} %{kare(3):.1f} {kare(277):,} {kare(4) - 1}')", 'exercise',
             printed='0.8100 %9.0 76,729 15\n'),
        md('#### Çözüm\n\nAçıklama.', jupyter={'source_hidden': True}),
        code('assert kare(2) == 4', 'solution', hidden=True),
        md('## Kaynaklar\n\n* Yazar, A. (2014). Başlık. *Dergi*, 15(1), 1929-1958.'),
    ]}


def broken(change):
    nb = good_notebook()
    change(nb['cells'])
    return nb


BROKEN = {
    nbval_problems: [lambda c: c[4].update(source='# NBVAL_CHECK_OUTPUT\nkare(3)'),
                     lambda c: c[4]['metadata'].update(tags=['nbval_check_output'])],
    import_problems: [lambda c: c[4].update(source='import math\n' + c[4]['source']),
                      lambda c: c[9].update(source='from math import sqrt\nassert sqrt(16) == 4'),
                      lambda c: c[1].update(source='import torch\nimport d2lmini as d2l')],
    quick_mode_problems: [lambda c: c[7].update(source='kare(4 if HIZLI else 5)'),
                          lambda c: c[9].update(source='assert d2l.QUICK or kare(4) == 16'),
                          lambda c: c.insert(2, code('x = 1'))
                          or c.insert(2, code('y = 2'))],
    markdown_problems: [lambda c: c[3].update(source='Hızlı kipte daha az dönem koşarız.'),
                        lambda c: c[3].update(source='CI bu hücreyi nbval ile sınar.'),
                        lambda c: c[3].update(source='`D2LMINI_QUICK=1` ortam değişkeni.'),
                        lambda c: c[3].update(source='pytest bunu denetler.')],
    cell_length_problems: [lambda c: c[4].update(source='\n'.join(['x = 1'] * 26)),
                           lambda c: c[3].update(source='a' * 101),
                           lambda c: c[7].update(source='kare(4)  # ' + 'ç' * 95)],
    docstring_problems: [lambda c: c[4].update(source='def kare(x):\n    return x * x'),
                         lambda c: c[4].update(source='class A:\n    """Bir."""\n\n    def f(self):'
                                                      '\n        pass'),
                         lambda c: c[4].update(source='def f():\n    """İki\n    satır."""\n')],
    exercise_problems: [lambda c: c[5].update(source='## Alistirmalar'),
                        lambda c: c[6].update(source='**2.** Yanlış numara.'),
                        lambda c: c[7]['metadata'].update(tags=[]),
                        lambda c: c[8].update(source='#### Cozum'),
                        lambda c: c[9]['metadata'].update(tags=['exercise']),
                        lambda c: c[9]['metadata'].pop('jupyter'),
                        lambda c: c[8]['metadata'].pop('jupyter'),
                        lambda c: c[14].update(source='print(kare(2))'),
                        lambda c: c.pop(14)],
    number_problems: [lambda c: c[3].update(source='Doğruluk 0.81 çıktı.'),
                      lambda c: c[3].update(source='Doğruluk 0,81 çıktı.'),
                      lambda c: c[3].update(source='Doğruluk $0.810$ çıktı.'),
                      lambda c: c[3].update(source='Hata yüzde 9.'),
                      lambda c: c[3].update(source='Hata 9 %.'),
                      lambda c: c[3].update(source='Doğruluk %81.'),
                      lambda c: c[3].update(source='76 729 kat büyük.'),
                      lambda c: c[3].update(source='76.729 kat büyük.'),
                      lambda c: c[3].update(source='15. dönemde durdu.'),
                      lambda c: c[15].update(source='## Notlar\n\n*Dergi*, 15(1).'),
                      lambda c: c[4]['metadata'].update(tags=[]),
                      lambda c: c[9].update(source='assert kare(4) == 4 * 4')],
}


@pytest.mark.parametrize('rule', RULES, ids=lambda r: r.__name__)
def test_each_rule_accepts_a_good_notebook_and_rejects_broken_ones(rule):
    assert rule(good_notebook()) == []
    for i, change in enumerate(BROKEN[rule]):
        assert rule(broken(change)) != [], f'{rule.__name__} accepted broken notebook #{i}'


def test_the_colab_cell_may_open_a_chapter_before_its_imports():
    nb = good_notebook()
    nb['cells'].insert(1, code(f"import sys\nif {COLAB_CELL}:\n    pass"))
    assert import_problems(nb) == [] and quick_mode_problems(nb) == []
    nb['cells'].insert(2, code('x = 1'))
    assert import_problems(nb) != []  # anything else before the imports is still caught
