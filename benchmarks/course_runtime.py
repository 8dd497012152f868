"""How long each chapter takes: every notebook at full fidelity and in quick mode.

Executes each notebook under ``notebooks/`` top to bottom in a fresh kernel with nbclient,
once at full fidelity and once with ``D2LMINI_QUICK=1``, from the notebooks' folder (as
JupyterLab does), and prints a markdown table: notebook, mode, device, seconds (kernel
start included), slowest cell (its number among the code cells and its seconds), headed by
the date and the machine. Nothing is written back: the committed notebooks stay untouched.

Run: ``python benchmarks/course_runtime.py`` (on the course machine under the heavy-job lock:
``flock /tmp/heavy.lock .venv/bin/python benchmarks/course_runtime.py``); ``--quick-only`` or
``--full-only`` runs one mode, and names after the options pick notebooks (``02 03``).

nbclient waits for each cell's ``execute_reply`` on an asyncio socket, while the replies it
sends for ipywidgets ``Output`` widgets go out through a blocking shadow of that same socket
(jupyter_client's ``Session.send``). A reply that arrives just as such a send runs is then
never noticed, and the run hangs with the kernel idle (tests/test_kernel_messages.py shows
it). ``notebook_client`` sends through the asyncio socket itself, which avoids that.
"""
import argparse
import datetime
import os
import platform
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).parents[1]
CELL_TIMEOUT = 1200  # seconds: a stuck cell fails the run instead of blocking it


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


def device():
    """The device the notebooks' ``d2l.try_gpu()`` picks, in words."""
    import torch
    if torch.cuda.is_available():
        return torch.cuda.get_device_name(0)
    return f'CPU ({os.cpu_count()} cores)'


def run(path, quick):
    """Execute one notebook; return (seconds, slowest code cell number, its seconds)."""
    nb = nbformat.read(path, as_version=4)
    os.environ['D2LMINI_QUICK'] = '1' if quick else '0'  # the kernel inherits it
    client = notebook_client(nb, timeout=CELL_TIMEOUT, record_timing=True,
                             resources={'metadata': {'path': str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    seconds = time.perf_counter() - start
    cells = [c for c in nb.cells if c.cell_type == 'code']
    durations = []
    for number, cell in enumerate(cells, 1):
        timing = cell.metadata.get('execution', {})
        if 'iopub.execute_input' in timing and 'shell.execute_reply' in timing:
            begin = datetime.datetime.fromisoformat(timing['iopub.execute_input'].rstrip('Z'))
            end = datetime.datetime.fromisoformat(timing['shell.execute_reply'].rstrip('Z'))
            durations.append(((end - begin).total_seconds(), number))
    slowest, number = max(durations)
    return seconds, number, slowest


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('names', nargs='*', help='notebooks whose name starts so (default: all)')
    modes = parser.add_mutually_exclusive_group()
    modes.add_argument('--quick-only', action='store_true')
    modes.add_argument('--full-only', action='store_true')
    args = parser.parse_args()
    paths = [p for p in sorted((ROOT / 'notebooks').glob('*.ipynb'))
             if not args.names or any(p.name.startswith(n) for n in args.names)]
    quick_modes = [False, True]
    if args.quick_only or args.full_only:
        quick_modes = [args.quick_only]
    where = device()
    print(f'{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, '
          f'{platform.node() or "?"}: {platform.processor() or platform.machine()}, '
          f'{os.cpu_count()} cores, Python {platform.python_version()}\n')
    print('| notebook | mode | device | seconds | slowest cell |')
    print('| --- | --- | --- | ---: | --- |')
    for path in paths:
        for quick in quick_modes:
            seconds, number, slowest = run(path, quick)
            mode = 'quick' if quick else 'full'
            print(f'| {path.stem} | {mode} | {where} | {seconds:.0f} | '
                  f'code cell {number}: {slowest:.0f} s |', flush=True)


if __name__ == '__main__':
    sys.exit(main())
