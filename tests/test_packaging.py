import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]
CONDA_NAMES = {'pytorch': 'torch'}  # conda-forge name -> PyPI name


def names(requirements):
    return {re.split(r'[<>=!\[ ]', r, maxsplit=1)[0].lower() for r in requirements}


def test_environment_yml_names_the_same_packages_as_pyproject():
    project = tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']
    wanted = names(project['dependencies'] + project['optional-dependencies']['test'])
    text = (ROOT / 'environment.yml').read_text()
    listed = set()
    for line in text.split('dependencies:', 1)[1].splitlines():
        m = re.match(r'\s+- ([A-Za-z][\w.-]*)', line)
        if m and m.group(1) not in ('python', 'pip'):
            name = m.group(1).lower()
            listed.add(CONDA_NAMES.get(name, name))
    assert listed == wanted
