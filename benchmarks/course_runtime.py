"""How long each chapter takes: every notebook at full fidelity and in quick mode.

Executes each notebook under ``notebooks/`` top to bottom in a fresh kernel with nbclient,
once at full fidelity and once with ``D2LMINI_QUICK=1``, from the notebooks' folder (as
JupyterLab does), and prints a markdown table: notebook, mode, device, seconds (kernel
start included), slowest cell (its number among the code cells and its seconds), headed by
the date and the machine. Nothing is written back: the committed notebooks stay untouched.

Run: ``python -m benchmarks.course_runtime`` (on the course machine under the heavy-job lock:
``flock /tmp/heavy.lock .venv/bin/python -m benchmarks.course_runtime``); ``--quick-only`` or
``--full-only`` runs one mode, and names after the options pick notebooks (``02 03``).
Notebooks run through ``tools.runner``, which avoids nbclient's many-core hang.
"""
import argparse
import datetime
import os
import platform
import sys
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).parents[1]
from tools.runner import chapters, execute_in_its_folder  # no many-core hang

CELL_TIMEOUT = 1200  # seconds: a stuck cell fails the run instead of blocking it


def device():
    """The device the notebooks' ``d2l.try_gpu()`` picks, in words."""
    import torch
    if torch.cuda.is_available():
        return torch.cuda.get_device_name(0)
    return f'CPU ({os.cpu_count()} cores)'


def run(path, quick):
    """Execute one notebook; return (seconds, slowest code cell number, its seconds)."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    execute_in_its_folder(nb, path, quick, timeout=CELL_TIMEOUT, record_timing=True)
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
    quick_modes = [False, True]
    if args.quick_only or args.full_only:
        quick_modes = [args.quick_only]
    where = device()
    print(f'{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, '
          f'{platform.node() or "?"}: {platform.processor() or platform.machine()}, '
          f'{os.cpu_count()} cores, Python {platform.python_version()}\n')
    print('| notebook | mode | device | seconds | slowest cell |')
    print('| --- | --- | --- | ---: | --- |')
    for path in chapters(args.names):
        for quick in quick_modes:
            seconds, number, slowest = run(path, quick)
            mode = 'quick' if quick else 'full'
            print(f'| {path.stem} | {mode} | {where} | {seconds:.0f} | '
                  f'code cell {number}: {slowest:.0f} s |', flush=True)


if __name__ == '__main__':
    sys.exit(main())
