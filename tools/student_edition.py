"""Write each chapter's student edition: the chapter without its solutions, for homework.

    python -m tools.student_edition           # -> student/*.ipynb (git-ignored)
    python -m tools.student_edition FOLDER    # -> FOLDER/*.ipynb

A solution is the markdown cell whose first line is ``#### Çözüm`` and every cell tagged
``solution``: they are removed. The exercise starters (code cells tagged ``exercise``) stay, their
outputs and execution counts cleared, so that students run them themselves. The exercises'
introduction (the cell headed ``## Alıştırmalar``) says instead of its sentence on the solutions
(the one starting with "Çözümler") that this edition has none. Every other cell is kept as it is
and the file is written as the chapters are (nbformat's JSON), so the edition differs from its
chapter only in those cells. The default folder ``student/`` sits beside
``notebooks/``, so the chapters' ``../img/`` links resolve there too.
"""
import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).parents[1]
SOLUTION_HEADING = '#### Çözüm'
EXERCISES_HEADING = '## Alıştırmalar'
SOLUTIONS_SENTENCE = re.compile(r'Çözümler\b[^.]*\.')  # up to the sentence's full stop
NO_SOLUTIONS = ('Bu öğrenci baskısında çözümler yok: alıştırmaları kendiniz çözün, vardığınız '
                'sonucu kendi hücrelerinizde ölçerek sınayın.')


def is_solution(cell):
    """Whether ``cell`` belongs to an exercise's solution: its heading cell or a tagged cell."""
    if 'solution' in cell['metadata'].get('tags', []):
        return True
    lines = ''.join(cell['source']).splitlines()
    return cell['cell_type'] == 'markdown' and bool(lines) and lines[0].rstrip() == SOLUTION_HEADING


def is_exercise(cell):
    """Whether ``cell`` is an exercise's starter code (tagged ``exercise``)."""
    return cell['cell_type'] == 'code' and 'exercise' in cell['metadata'].get('tags', [])


def is_exercises_intro(cell):
    """Whether ``cell`` is the markdown cell that opens the exercises (``## Alıştırmalar``)."""
    lines = ''.join(cell['source']).splitlines()
    return cell['cell_type'] == 'markdown' and lines[:1] == [EXERCISES_HEADING]


def say_there_are_no_solutions(cell):
    """Replace the intro's sentence about the solutions with ``NO_SOLUTIONS``."""
    text, found = SOLUTIONS_SENTENCE.subn(NO_SOLUTIONS, ''.join(cell['source']), count=1)
    if not found:
        # d2lmini.errors' format, written out: importing the package would import torch
        raise ValueError(
            f'"{EXERCISES_HEADING}" hücresinde çözümlerin yerini söyleyen, "Çözümler" ile başlayan '
            'bir cümle yok; öğrenci baskısı onun yerine çözüm olmadığını yazar. Cümleyi ekleyin.\n'
            f' / the "{EXERCISES_HEADING}" cell has no sentence starting with "Çözümler" that says '
            'where the solutions are; the student edition replaces it. Add the sentence.')
    cell['source'] = text


def student_edition(notebook):
    """A copy of ``notebook`` without its solutions, the exercise starters' outputs cleared."""
    edition = copy.deepcopy(notebook)
    edition['cells'] = [cell for cell in edition['cells'] if not is_solution(cell)]
    for cell in filter(is_exercise, edition['cells']):
        cell['outputs'] = []
        cell['execution_count'] = None
    for cell in filter(is_exercises_intro, edition['cells']):
        say_there_are_no_solutions(cell)
    return edition


def write_student_editions(folder, notebooks=None):
    """Write the student edition of each chapter (or of ``notebooks``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks or sorted((ROOT / 'notebooks').glob('*.ipynb')):
        try:
            edition = student_edition(nbformat.read(path, as_version=nbformat.NO_CONVERT))
        except ValueError as err:
            raise ValueError(f'{path.name}: {err}') from None
        nbformat.write(edition, folder / path.name)
        written.append(folder / path.name)
    return written


def main(argv=None):
    """Write every chapter's student edition into the given folder (default: student/)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('folder', nargs='?', type=Path, default=ROOT / 'student')
    args = parser.parse_args(argv)
    for path in write_student_editions(args.folder):
        print(f'öğrenci baskısı / student edition: {path}')


if __name__ == '__main__':
    sys.exit(main())
