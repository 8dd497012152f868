"""Run notebooks with nbclient, never losing a cell's ``execute_reply`` (issue 13).

Refresh a chapter's committed outputs (a full-fidelity run in a fresh kernel, written back):

    python -m tools.runner notebooks/02-sinir-stil-transferi.ipynb

The kernel gets this shell's environment with quick mode off; the runner adds nothing else (a
chapter sets the threads and seeds its outputs need itself) and names the inherited variables
that change a chapter's numbers, such as ``OMP_NUM_THREADS``.

nbclient waits for each cell's ``execute_reply`` on an asyncio socket, while the replies it
sends for ipywidgets ``Output`` widgets go out through a blocking shadow of that same socket
(jupyter_client's ``Session.send``). A reply that arrives just as such a send runs is then
never noticed, and the run hangs with the kernel idle; many cores make that timing common.
``tests/test_kernel_messages.py`` replays it. Known upstream, still open: jupyter/nbclient#312,
jupyter/jupyter_client#1059. Used by the tests that execute notebooks and, through
``execute_in_its_folder``, by the scripts under ``benchmarks/`` and ``scripts/``; when the replay
test says upstream fixed it, drop the workaround.
"""
import argparse
import os
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).parents[1]
# variables that change a chapter's numbers (threads, CPU kernels, GPU, precision)
NUMERIC_SETTINGS = ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'ATEN_CPU_CAPABILITY',
                    'CUDA_VISIBLE_DEVICES', 'D2LMINI_BF16')


class ThroughAsyncSocket:
    """Hands ``Session.send``'s frames to the asyncio socket, not to a blocking shadow of it."""

    def __init__(self, socket):
        self.socket = socket

    def send_multipart(self, parts, flags=0, copy=True):
        """Send as the asyncio socket does, so that its pending polls see what arrives meanwhile."""
        return self.socket.send_multipart(parts, flags=flags, copy=copy)


def send_through_the_async_socket(channel):
    """Make an asyncio kernel-client channel send without losing the wake-up of its polls."""
    channel.send = lambda msg: channel.session.send(ThroughAsyncSocket(channel.socket), msg)


def notebook_client(nb, **kwargs):
    """An nbclient ``NotebookClient`` whose shell channel cannot miss an ``execute_reply``."""
    client = NotebookClient(nb, kernel_name='python3', **kwargs)
    client.on_notebook_start = lambda **_: send_through_the_async_socket(client.kc.shell_channel)
    return client


def chapters(prefixes=()):
    """The course's notebooks in order; with ``prefixes``, those whose name starts with one."""
    return [path for path in sorted((ROOT / 'notebooks').glob('*.ipynb'))
            if not prefixes or any(path.name.startswith(prefix) for prefix in prefixes)]


def execute_in_its_folder(nb, path, quick, env=None, **kwargs):
    """Execute ``nb``, read from ``path``, in a fresh kernel started in its folder.

    The kernel gets this process's environment with ``env`` (a dict of variables) and the quick
    flag on top; this process's own environment is left as it is. A shell's ``MPLBACKEND`` (Agg on
    a headless server) is left out: the kernel draws inline, so the outputs keep their figures.
    """
    inherited = {name: value for name, value in os.environ.items() if name != 'MPLBACKEND'}
    kernel_env = {**inherited, **(env or {}), 'D2LMINI_QUICK': '1' if quick else '0'}
    client = notebook_client(nb, resources={'metadata': {'path': str(path.parent)}}, **kwargs)
    client.execute(env=kernel_env)


def main(argv=None):
    """Execute each given notebook in a fresh kernel and write it back with its new outputs."""
    parser = argparse.ArgumentParser(description='Re-execute notebooks and save their outputs.')
    parser.add_argument('notebooks', nargs='+', type=Path)
    parser.add_argument('--quick', action='store_true', help='quick mode (D2LMINI_QUICK=1)')
    args = parser.parse_args(argv)
    inherited = [f'{name}={os.environ[name]}' for name in NUMERIC_SETTINGS if name in os.environ]
    if inherited:  # what a chapter needs it sets itself; this would not be in the next refresh
        print('note: the kernel inherits ' + ' '.join(inherited) + ' from this shell')
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        execute_in_its_folder(nb, path, args.quick, timeout=1800, store_widget_state=False)
        nb.metadata.pop('widgets', None)  # hundreds of KB; a static view shows the app's text
        nbformat.write(nb, path)
        print(f'executed and saved: {path}')


if __name__ == '__main__':
    sys.exit(main())
