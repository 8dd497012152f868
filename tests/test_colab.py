"""Each chapter's first cell: nothing outside Colab; in Colab, the course is installed from the
repository address in pyproject.toml and the chapter runs from its own folder."""
import json
import subprocess
import sys
import tomllib

import pytest

from helpers import NOTEBOOKS, ROOT, fresh_venv

URL = tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']['urls']['Repository']


def code_cells(path):
    cells = json.loads(path.read_text(encoding='utf-8'))['cells']
    return [''.join(c['source']) for c in cells if c['cell_type'] == 'code']


def test_every_chapter_starts_with_the_same_colab_cell_and_the_repositorys_address():
    first = [code_cells(path)[0] for path in NOTEBOOKS]
    assert "'google.colab' in sys.modules" in first[0] and f"'{URL}'" in first[0]
    assert all(cell == first[0] for cell in first)


def test_outside_colab_the_cell_does_nothing(tmp_path):
    cell = code_cells(NOTEBOOKS[0])[0]
    script = f'import os\n{cell}\nprint(os.getcwd())'
    out = subprocess.run([sys.executable, '-c', script], cwd=tmp_path, capture_output=True,
                         text=True, check=True).stdout
    assert out.strip() == str(tmp_path) and list(tmp_path.iterdir()) == []


STAND_IN = '''
import pathlib, sys, types
sys.modules['google'] = types.ModuleType('google')
sys.modules['google.colab'] = types.ModuleType('google.colab')  # what Colab's kernel has
exec(open(sys.argv[1], encoding='utf-8').read())  # the Colab cell
exec(open(sys.argv[2], encoding='utf-8').read())  # the chapter's imports
import d2lmini
clone = pathlib.Path.cwd().parent
assert pathlib.Path(d2lmini.__file__).is_relative_to(clone), d2lmini.__file__
assert pathlib.Path.cwd().name == 'notebooks' and pathlib.Path('../img/rainier.jpg').is_file()
print('ok')
'''


@pytest.mark.slow
def test_in_a_stand_in_colab_the_next_cells_find_the_course_and_its_images(tmp_path):
    run = dict(check=True, capture_output=True, text=True)
    python, _ = fresh_venv(tmp_path / 'venv', with_pip=True)  # Colab's: no d2lmini
    colab, imports = code_cells(NOTEBOOKS[0])[:2]
    (tmp_path / 'colab.py').write_text(colab.replace(URL, ROOT.as_uri()), encoding='utf-8')
    (tmp_path / 'imports.py').write_text(imports, encoding='utf-8')
    content = tmp_path / 'content'  # Colab's working folder
    content.mkdir()
    cells = [tmp_path / 'colab.py', tmp_path / 'imports.py']
    result = subprocess.run([python, '-c', STAND_IN, *cells], cwd=content, **run)
    assert result.stdout.strip().endswith('ok')
