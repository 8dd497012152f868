"""A fresh virtual environment that borrows this one's libraries (torch & co.) but not d2lmini."""
import site
import subprocess
import sys
from pathlib import Path

PURELIB = 'import sysconfig; print(sysconfig.get_path("purelib"))'


def fresh_venv(path, with_pip=False):
    """Make a venv at ``path`` that sees this environment's packages; return its python.

    The folders of this environment go into a ``.pth`` file: a ``.pth`` inside them, such as an
    editable install's, is not read, so d2lmini is found only if installed into the new venv.
    """
    subprocess.run([sys.executable, '-m', 'venv', path] + ([] if with_pip else ['--without-pip']),
                   check=True, capture_output=True)
    python = Path(path) / 'bin' / 'python'
    purelib = subprocess.run([python, '-c', PURELIB], check=True, capture_output=True,
                             text=True).stdout.strip()
    (Path(purelib) / 'dependencies.pth').write_text('\n'.join(site.getsitepackages()) + '\n')
    return python, purelib
