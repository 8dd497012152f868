"""Memory of each classroom app's kernel, step by step, without a browser.

Each demo in ``demos/`` runs in a fresh ipykernel started in that folder, as Voilà starts it:
first ``import torch``, then ``import d2lmini``, then the demo's cell, then its first use as
``tests/test_voila.py`` does it (the dropout app's p slider one step, the other apps' button).
After each step the kernel's memory is read from ``/proc/PID/smaps_rollup``: RSS, PSS, USS
(Private_Clean + Private_Dirty) and anonymous memory, in MB (MiB), with the step's seconds.

    OMP_NUM_THREADS=1 PYTHONPATH=$PWD .venv/bin/python benchmarks/app_memory.py [01 02 03]

``PYTHONPATH`` makes the kernel import this checkout's d2lmini (the kernel's own folder is
``demos/``).
"""
import re
import sys
import time
from pathlib import Path

import nbformat
from jupyter_client import KernelManager

DEMOS = Path(__file__).parents[1] / 'demos'
WALK = '''import ipywidgets as _widgets
def _walk(w):
    yield w
    for child in getattr(w, 'children', ()):
        yield from _walk(child)
'''
FIRST_USE = {  # as tests/test_voila.py's use_app: the first slider, else the first button
    '01': WALK + '''_slider = next(w for w in _walk(_) if isinstance(w, _widgets.FloatSlider))
_slider.value = round(_slider.value + _slider.step, 2)''',
    '02': WALK + "next(w for w in _walk(_) if isinstance(w, _widgets.Button)).click()",
    '03': WALK + "next(w for w in _walk(_) if isinstance(w, _widgets.Button)).click()",
}


def memory(pid):
    """RSS, PSS, USS and anonymous memory of process ``pid``, in MB."""
    rollup = Path(f'/proc/{pid}/smaps_rollup').read_text()

    def mb(name):
        return int(re.search(rf'^{name}:\s+(\d+) kB', rollup, re.M).group(1)) / 1024

    return mb('Rss'), mb('Pss'), mb('Private_Clean') + mb('Private_Dirty'), mb('Anonymous')


def measure(notebook):
    """Print the memory of a fresh kernel after each step of ``notebook``'s app."""
    nb = nbformat.read(notebook, as_version=4)
    cell = '\n'.join(c.source for c in nb.cells if c.cell_type == 'code')
    steps = [('kernel started', 'pass'), ('import torch', 'import torch'),
             ('import d2lmini', 'import d2lmini'), ('app shown', cell),
             ('after first use', FIRST_USE[notebook.name[:2]])]
    manager = KernelManager(kernel_name='python3')
    manager.start_kernel(cwd=str(DEMOS))
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=120)
        pid = manager.provisioner.process.pid
        for name, code in steps:
            start = time.perf_counter()
            reply = client.execute_interactive(code, timeout=900, output_hook=lambda msg: None)
            assert reply['content']['status'] == 'ok', reply['content']
            rss, pss, uss, anon = memory(pid)
            print(f'{notebook.stem[:2]} {name:16s} RSS {rss:4.0f}  PSS {pss:4.0f}  '
                  f'USS {uss:4.0f}  anonymous {anon:4.0f}  ({time.perf_counter() - start:.1f} s)',
                  flush=True)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


if __name__ == '__main__':
    for path in sorted(DEMOS.glob('*.ipynb')):
        if len(sys.argv) == 1 or path.name[:2] in sys.argv[1:]:
            measure(path)
