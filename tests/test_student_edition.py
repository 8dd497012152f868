"""The student edition: each chapter without its solutions (tools/student_edition.py).

A chapter's exercises follow one form (tests/test_notebooks.py checks it): the exercise's text, its
starter code cells tagged ``exercise``, a ``#### Çözüm`` markdown cell and the solution's code
cells tagged ``solution``. The edition must hold none of the solutions' text or code, clear the
starters' outputs, say in the exercises' introduction that it has no solutions, and keep every
other cell, byte for byte; and it must still run top to bottom, also on another machine (below).
"""
import json
import subprocess

import nbformat
import pytest

from tools import student_edition
from tools.runner import execute_in_its_folder

ROOT = student_edition.ROOT
CHAPTERS = sorted((ROOT / 'notebooks').glob('*.ipynb'))


def as_written(path):
    """The file's text, and whether it is laid out as nbformat writes notebooks (indent=1)."""
    text = path.read_text(encoding='utf-8')
    layout = json.dumps(json.loads(text), indent=1, sort_keys=True, ensure_ascii=False) + '\n'
    return text, text == layout


def source(cell):
    return ''.join(cell['source'])


def tags(cell):
    return cell['metadata'].get('tags', [])


@pytest.fixture(scope='module')
def editions(tmp_path_factory):
    """The student edition of every chapter, written by the module into a temporary folder."""
    folder = tmp_path_factory.mktemp('student')
    student_edition.write_student_editions(folder)
    return folder


def test_the_rules_on_a_small_notebook(tmp_path):
    code = nbformat.v4.new_code_cell
    text = nbformat.v4.new_markdown_cell
    output = nbformat.v4.new_output('stream', text='42\n')
    cells = [text('# Başlık'), code('x = 1', execution_count=1, outputs=[output]),
             text('## Alıştırmalar\n\nÇözümler gizli\nhücrelerde: açın. Kolay gelsin.'),
             text('**1.** Deneyin.'),
             code('y = x + 1', execution_count=2, outputs=[output],
                  metadata={'tags': ['exercise']}),
             text('#### Çözüm\n\nCevap 2.'),
             code('assert y == 2', execution_count=3, metadata={'tags': ['solution']}),
             text('Not: `#### Çözüm` yalnızca ilk satırda bir çözümün başlığıdır.')]
    path = tmp_path / 'notebooks' / '09-deneme.ipynb'
    path.parent.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    [written] = student_edition.write_student_editions(tmp_path / 'student', [path])
    edition = nbformat.read(written, as_version=4)
    assert [source(c) for c in edition.cells] == [
        '# Başlık', 'x = 1', f'## Alıştırmalar\n\n{student_edition.NO_SOLUTIONS} Kolay gelsin.',
        '**1.** Deneyin.', 'y = x + 1',
        'Not: `#### Çözüm` yalnızca ilk satırda bir çözümün başlığıdır.']
    starter = edition.cells[4]
    assert starter.outputs == [] and starter.execution_count is None
    assert edition.cells[1].outputs == [output] and edition.cells[1].execution_count == 1
    assert as_written(written)[1]


def test_an_exercises_intro_that_does_not_point_to_the_solutions_is_refused(tmp_path):
    cells = [nbformat.v4.new_markdown_cell('## Alıştırmalar\n\nDeneyin.')]
    path = tmp_path / '09-deneme.ipynb'
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    with pytest.raises(ValueError, match='09-deneme.ipynb: .*"Çözümler" ile başlayan'):
        student_edition.write_student_editions(tmp_path / 'student', [path])
    assert not (tmp_path / 'student' / path.name).exists()


def is_solution(cell):
    """A solution's cell, by the chapters' convention: tagged, or headed '#### Çözüm'."""
    heading = cell['cell_type'] == 'markdown' and source(cell).startswith('#### Çözüm')
    return heading or 'solution' in tags(cell)


def texts(cell):
    """A cell's source and the text of its outputs."""
    outputs = [json.dumps(o, ensure_ascii=False) for o in cell.get('outputs', [])]
    return [source(cell)] + outputs


@pytest.mark.parametrize('chapter', CHAPTERS, ids=lambda p: p.stem)
def test_the_edition_holds_no_solution_text_or_code(editions, chapter):
    cells = json.loads(chapter.read_text(encoding='utf-8'))['cells']
    solutions = [c for c in cells if is_solution(c)]
    assert [c for c in solutions if 'solution' in tags(c)], 'the chapter has no solution cell'
    elsewhere = '\n'.join(t for c in cells if not is_solution(c) for t in texts(c))
    # the lines of the solutions that the rest of the chapter does not share
    only_there = {line.strip() for c in solutions for line in source(c).splitlines()
                  if len(line.strip()) > 12 and line.strip() not in elsewhere}
    assert only_there, 'the solutions have no line of their own'
    edition = json.loads((editions / chapter.name).read_text(encoding='utf-8'))['cells']
    assert not [c for c in edition if is_solution(c)], 'a solution cell is left'
    kept = '\n'.join(t for c in edition for t in texts(c))
    left = sorted(line for line in only_there if line in kept)
    assert not left, f'solution text or code left in the student edition: {left[:5]}'


@pytest.mark.parametrize('chapter', CHAPTERS, ids=lambda p: p.stem)
def test_the_edition_differs_only_in_the_solutions_and_the_cleared_starters(editions, chapter):
    original, original_layout = as_written(chapter)
    text, layout = as_written(editions / chapter.name)
    assert original_layout and layout, 'not written as nbformat writes notebooks (indent=1)'
    nb, edition = json.loads(original), json.loads(text)
    assert {k: v for k, v in edition.items() if k != 'cells'} == \
        {k: v for k, v in nb.items() if k != 'cells'}
    starters = [c for c in nb['cells'] if 'exercise' in tags(c)]
    assert starters and any(c['outputs'] for c in starters), 'no exercise starter with outputs'
    expected = []
    for cell in nb['cells']:
        if is_solution(cell):
            continue
        if 'exercise' in tags(cell):
            cell = {**cell, 'outputs': [], 'execution_count': None}
        expected.append(cell)
    [intro] = [i for i, c in enumerate(expected) if source(c).startswith('## Alıştırmalar\n')]
    said = source(edition['cells'][intro])
    assert student_edition.NO_SOLUTIONS in said and 'Çözümler' not in said, said
    assert 'gizli hücre' not in said.lower(), said
    edition['cells'][intro]['source'] = expected[intro]['source']
    # otherwise the same cells in the same layout: each kept cell is byte for byte the chapter's
    assert edition['cells'] == expected


# Another machine than nbval's run (issue 27): PyTorch's portable kernels, which round as a CPU
# without AVX2 does, and an odd thread count. Each chapter is still executed twice per suite run.
ANOTHER_MACHINE = {'ATEN_CPU_CAPABILITY': 'default', 'OMP_NUM_THREADS': '3'}


@pytest.mark.slow
def test_the_script_writes_editions_that_run_top_to_bottom_on_another_machine(tmp_path):
    folder = tmp_path / 'student'
    run = subprocess.run(['bash', 'scripts/student-edition.sh', str(folder)], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in folder.glob('*.ipynb')) == [p.name for p in CHAPTERS]
    (tmp_path / 'img').symlink_to(ROOT / 'img')  # beside the chapters: '../img/' resolves
    for path in sorted(folder.glob('*.ipynb')):
        nb = nbformat.read(path, as_version=4)
        execute_in_its_folder(nb, path, quick=True, env=ANOTHER_MACHINE, timeout=600,
                              store_widget_state=False)
        assert all(c.execution_count for c in nb.cells if c.cell_type == 'code'), path.name
