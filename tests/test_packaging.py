"""The install files agree: environment.yml asks for the packages and versions that pyproject.toml
does, constraints.txt pins a version of each that pyproject.toml accepts, and a plain library
install (``pip install d2lmini``) leaves out the classroom apps: JupyterLab and Voilà are the extra
``course`` that scripts/install.sh and environment.yml install."""
import re
import tomllib

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

from helpers import ROOT

PROJECT = tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']
EXTRAS = PROJECT['optional-dependencies']
CONDA_NAMES = {'pytorch': 'torch'}  # conda-forge name -> PyPI name
APPS = {'jupyterlab', 'voila'}


def specifiers(requirements):
    """``{name: SpecifierSet}`` of requirement strings (``'voila>=0.5,<0.6'``), names normalised."""
    parsed = map(Requirement, requirements)
    return {canonicalize_name(CONDA_NAMES.get(r.name, r.name)): r.specifier for r in parsed}


def environment_yml():
    """The requirements environment.yml lists, conda's and pip's, as strings."""
    text = (ROOT / 'environment.yml').read_text().split('dependencies:', 1)[1]
    listed = re.findall(r'^\s+- ([A-Za-z][^\s#]*)', text, re.M)
    return [r for r in listed if r not in ('pip', 'pip:') and not r.startswith('python=')]


def test_environment_yml_asks_for_the_same_packages_and_versions_as_pyproject():
    wanted = specifiers(PROJECT['dependencies'] + EXTRAS['course'] + EXTRAS['test'])
    listed = specifiers(environment_yml())
    drift = {name: (str(wanted.get(name)), str(listed.get(name)))
             for name in wanted.keys() | listed.keys() if wanted.get(name) != listed.get(name)}
    assert not drift, f'name: (pyproject.toml, environment.yml): {drift}'


def test_specifiers_tell_a_drifted_version_from_a_respelled_one():
    assert specifiers(['voila>=0.5,<0.6']) != specifiers(['voila>=0.5'])
    assert specifiers(['Jupyterlab_RISE >= 0.43']) == specifiers(['jupyterlab-rise>=0.43'])
    assert specifiers(['pytorch>=2.1']) == {'torch': SpecifierSet('>=2.1')}


def test_constraints_pin_a_version_that_pyproject_accepts_for_each_package():
    pins = specifiers(line for line in (ROOT / 'constraints.txt').read_text().splitlines()
                      if line.strip() and not line.startswith('#'))
    wanted = specifiers(PROJECT['dependencies'] + [r for extra in EXTRAS.values() for r in extra])
    missing = sorted(wanted.keys() - pins.keys())
    assert not missing, f'constraints.txt pins no version of {missing}'
    refused = {name: (str(spec), str(pins[name])) for name, spec in wanted.items()
               if not all(spec.contains(pin.version, prereleases=True) for pin in pins[name])}
    assert not refused, f'name: (pyproject.toml, constraints.txt): {refused}'


def test_a_library_install_leaves_out_the_apps_and_the_course_installs_add_them():
    assert not specifiers(PROJECT['dependencies']).keys() & APPS
    assert specifiers(EXTRAS['course']).keys() >= APPS
    for script in ('scripts/install.sh', 'environment.yml'):
        editable = re.findall(r'-e\s+(\S+)', (ROOT / script).read_text())
        assert editable, f'{script} installs no d2lmini'
        for target in editable:
            extras = re.fullmatch(r"'?\.\[([\w,]+)\]'?", target)
            assert extras and 'course' in extras.group(1).split(','), (script, target)
