"""What the tests share: the checkout and its chapters, notebooks and widget trees, slide counts, a
fresh venv, and the local servers (JupyterLab, Voilà) that the browser tests start and stop.

An appendix (its name has ``-ek-``, Turkish for "appendix") is optional reading beside a chapter: it
has no classroom demo (``demos/``) and no screenshot in the README. Every other notebook has both.
"""
import json
import os
import shutil
import signal
import site
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from slideshow import slide_type  # site/slideshow.py
from tools.runner import chapters

ROOT = Path(__file__).parents[1]
NOTEBOOKS = chapters()  # every notebook under notebooks/ is a chapter, in order
CHAPTERS = [path.stem for path in NOTEBOOKS]
WITH_A_DEMO = [name for name in CHAPTERS if '-ek-' not in name]

# Another machine than nbval's run (issue 27): PyTorch's portable kernels, which round as a CPU
# without AVX2 does, and an odd thread count. The JupyterLab test runs the student editions so.
ANOTHER_MACHINE = {'ATEN_CPU_CAPABILITY': 'default', 'OMP_NUM_THREADS': '3'}
KERNEL = {'kernelspec': {'name': 'python3', 'display_name': 'Python 3', 'language': 'python'}}


def notebook(*sources, **metadata):
    """A notebook of code cells (a string each) or ready cells, with the python3 kernel."""
    cells = [nbformat.v4.new_code_cell(s) if isinstance(s, str) else s for s in sources]
    return nbformat.v4.new_notebook(cells=cells, metadata={**KERNEL, **metadata})


def widgets_in(app):
    """Every widget in the tree under ``app``, ``app`` first."""
    found = [app]
    for child in getattr(app, 'children', ()):
        found += widgets_in(child)
    return found


def expected_slides(cells):
    """How many slides the metadata asks for: the slide and subslide cells, and the first shown
    cell, which nbconvert and RISE start a slide with whatever its type."""
    types = [slide_type(c) for c in cells]
    first = next(t for t in types if t not in ('skip', 'notes'))
    return sum(t in ('slide', 'subslide') for t in types) + (first not in ('slide', 'subslide'))


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


def run_last(test):
    """Run ``test`` after every other test (conftest.py moves it): for a test that waits until a
    server has sat idle long enough, so that the rest of the run goes on meanwhile. It must wait
    for what it checks itself, so that it also passes when it runs alone or right away."""
    test.run_last = True
    return test


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def stop(process, log):
    """SIGTERM the server (it stops its kernels), SIGKILL its group after 30 s; close its log."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    log.close()


class JupyterLab:
    """A JupyterLab server on a copy of the course, its log at ``log_path``, stopped by ``close``.

    The copy, in ``workdir``, is the folder ``notebooks`` (the chapters, or their student editions)
    with ``img/`` beside it, so that the markdown cells' ``../img/`` links resolve; JupyterLab
    autosaves, so the originals stay untouched. The server gets its own settings (``settings``:
    plugin id -> values) and workspaces, and this process's environment with ``env`` on top
    (conftest.py has removed MPLBACKEND).
    """

    def __init__(self, workdir, notebooks, log_path, settings=None, env=None, options=()):
        root = workdir / 'course'
        shutil.copytree(notebooks, root / 'notebooks',
                        ignore=shutil.ignore_patterns('.ipynb_checkpoints', '*.png'))
        shutil.copytree(ROOT / 'img', root / 'img')
        for name, values in (settings or {}).items():
            path = workdir / 'settings' / f'{name}.jupyterlab-settings'
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        self.root = root
        self.token = os.urandom(16).hex()
        self.url = f'http://127.0.0.1:{free_port()}'
        self.log_path = log_path
        log_path.parent.mkdir(parents=True, exist_ok=True)
        self.log = open(log_path, 'w')
        self.process = subprocess.Popen(
            [sys.executable, '-m', 'jupyter', 'lab', '--no-browser', '--allow-root',
             f'--ServerApp.token={self.token}', '--ServerApp.ip=127.0.0.1',
             f'--ServerApp.port={self.url.rsplit(":", 1)[1]}', '--ServerApp.port_retries=0',
             f'--ServerApp.root_dir={root}', '--LabApp.expose_app_in_browser=True',
             f'--LabServerApp.user_settings_dir={workdir / "settings"}',
             f'--LabServerApp.workspaces_dir={workdir / "workspaces"}', *options],
            env={**os.environ, **(env or {})}, stdout=self.log, stderr=subprocess.STDOUT,
            start_new_session=True)
        deadline = time.monotonic() + 180
        while True:
            try:
                self.api('GET', 'status')
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.close()
                    pytest.fail(f'JupyterLab did not start, see {log_path}')
                time.sleep(0.5)

    def api(self, method, path):
        request = urllib.request.Request(f'{self.url}/api/{path}', method=method,
                                         headers={'Authorization': f'token {self.token}'})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def page_url(self, path):
        """The address that opens ``path`` (relative to the root) with a fresh layout."""
        return f'{self.url}/lab/tree/{path}?reset&token={self.token}'

    def shut_down_kernels(self):
        for session in self.api('GET', 'sessions'):
            self.api('DELETE', f'sessions/{session["id"]}')

    def close(self):
        stop(self.process, self.log)
