"""The student edition: each chapter without its solutions (tools/student_edition.py).

A chapter's exercises follow one form (tests/test_notebooks.py checks it): the exercise's text, its
starter code cells tagged ``exercise``, a ``#### Çözüm`` markdown cell and the solution's code
cells tagged ``solution``. The edition must hold none of the solutions' text or code, clear the
starters' outputs, say in the exercises' introduction that it has no solutions, and keep every
other cell, byte for byte; and it must still run top to bottom, also on another machine: the
editions are written once per run (conftest.py's ``student_editions``, by the script), and
tests/test_browser.py runs each one in JupyterLab (the ``browser`` tier).
"""
import json

import nbformat
import pytest

from tools import student_edition
from helpers import NOTEBOOKS


def as_written(path):
    """The file's text, and whether it is laid out as nbformat writes notebooks (indent=1)."""
    text = path.read_text(encoding='utf-8')
    layout = json.dumps(json.loads(text), indent=1, sort_keys=True, ensure_ascii=False) + '\n'
    return text, text == layout


def source(cell):
    return ''.join(cell['source'])


def tags(cell):
    return cell['metadata'].get('tags', [])


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


@pytest.mark.parametrize('chapter', NOTEBOOKS, ids=lambda p: p.stem)
def test_the_edition_holds_no_solution_text_or_code(student_editions, chapter):
    cells = json.loads(chapter.read_text(encoding='utf-8'))['cells']
    solutions = [c for c in cells if is_solution(c)]
    assert [c for c in solutions if 'solution' in tags(c)], 'the chapter has no solution cell'
    elsewhere = '\n'.join(t for c in cells if not is_solution(c) for t in texts(c))
    # the lines of the solutions that the rest of the chapter does not share
    only_there = {line.strip() for c in solutions for line in source(c).splitlines()
                  if len(line.strip()) > 12 and line.strip() not in elsewhere}
    assert only_there, 'the solutions have no line of their own'
    edition = json.loads((student_editions / chapter.name).read_text(encoding='utf-8'))['cells']
    assert not [c for c in edition if is_solution(c)], 'a solution cell is left'
    kept = '\n'.join(t for c in edition for t in texts(c))
    left = sorted(line for line in only_there if line in kept)
    assert not left, f'solution text or code left in the student edition: {left[:5]}'


@pytest.mark.parametrize('chapter', NOTEBOOKS, ids=lambda p: p.stem)
def test_the_edition_differs_only_in_the_solutions_and_the_cleared_starters(student_editions,
                                                                           chapter):
    original, original_layout = as_written(chapter)
    text, layout = as_written(student_editions / chapter.name)
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


def test_the_script_writes_an_edition_of_every_chapter(student_editions):
    """``scripts/student-edition.sh`` wrote them (conftest.py); tests/test_browser.py runs each one
    top to bottom in JupyterLab, on another machine than nbval's and in the other precision."""
    assert sorted(p.name for p in student_editions.glob('*.ipynb')) == [p.name for p in NOTEBOOKS]
    assert all(as_written(p)[1] for p in student_editions.glob('*.ipynb'))
