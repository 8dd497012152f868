"""The package as a user gets it: a wheel installed into a fresh virtual environment, away from
the repository, imports every module and every public name; it holds the package's modules and
nothing else (no maintainer tool: tools/ stays in the checkout)."""
import subprocess
import sys
import textwrap
import zipfile

import pytest

from helpers import ROOT, fresh_venv

CHECK = textwrap.dedent('''
    import importlib, pathlib, pkgutil, sys
    import d2lmini as d2l
    assert pathlib.Path(d2l.__file__).is_relative_to(sys.prefix), d2l.__file__  # not the repo
    assert 'ipywidgets' not in sys.modules, 'import d2lmini loaded the apps'
    assert not {'nbformat', 'nbclient'} & set(sys.modules), 'loaded the notebook tools'
    for info in pkgutil.walk_packages(d2l.__path__, 'd2lmini.'):
        importlib.import_module(info.name)
    missing = [name for name in d2l.__all__ if not hasattr(d2l, name)]
    assert not missing, missing
    try:
        d2l.style_transfer_demo()
    except FileNotFoundError as err:
        print(err)
''')


@pytest.mark.slow
def test_the_wheel_installs_and_imports_everything(tmp_path):
    run = dict(check=True, capture_output=True, text=True)
    subprocess.run([sys.executable, '-m', 'pip', 'wheel', '--no-deps', '--no-build-isolation',
                    '-q', '-w', tmp_path, ROOT], **run)
    wheel = next(tmp_path.glob('d2lmini-*.whl'))
    shipped = {name for name in zipfile.ZipFile(wheel).namelist() if '.dist-info/' not in name}
    assert shipped == {p.relative_to(ROOT).as_posix() for p in (ROOT / 'd2lmini').rglob('*.py')}
    python, target = fresh_venv(tmp_path / 'venv')  # d2lmini only from the wheel
    subprocess.run([sys.executable, '-m', 'pip', 'install', '-q', '--no-deps', '--target', target,
                    wheel], **run)
    result = subprocess.run([python, '-c', CHECK], cwd=tmp_path, **run)
    assert 'Image folder not found' in result.stdout and 'img' in result.stdout
