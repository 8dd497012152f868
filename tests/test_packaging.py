import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]
PROJECT = tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']
CONDA_NAMES = {'pytorch': 'torch'}  # conda-forge name -> PyPI name
APPS = {'jupyterlab', 'voila'}


def names(requirements):
    return {re.split(r'[<>=!\[ ]', r, maxsplit=1)[0].lower() for r in requirements}


def test_environment_yml_names_the_same_packages_as_pyproject():
    extras = PROJECT['optional-dependencies']
    wanted = names(PROJECT['dependencies'] + extras['course'] + extras['test'])
    text = (ROOT / 'environment.yml').read_text()
    listed = set()
    for line in text.split('dependencies:', 1)[1].splitlines():
        m = re.match(r'\s+- ([A-Za-z][\w.-]*)', line)
        if m and m.group(1) not in ('python', 'pip'):
            name = m.group(1).lower()
            listed.add(CONDA_NAMES.get(name, name))
    assert listed == wanted


def test_a_library_install_leaves_out_the_apps_and_the_course_installs_add_them():
    assert not names(PROJECT['dependencies']) & APPS
    assert names(PROJECT['optional-dependencies']['course']) >= APPS
    for script in ('scripts/install.sh', 'environment.yml'):
        editable = re.findall(r'-e\s+(\S+)', (ROOT / script).read_text())
        assert editable, f'{script} installs no d2lmini'
        for target in editable:
            extras = re.fullmatch(r"'?\.\[([\w,]+)\]'?", target)
            assert extras and 'course' in extras.group(1).split(','), (script, target)
