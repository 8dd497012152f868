"""What live plotting costs the chapters' cells: our throttled Animator vs a redraw at every point.

Executes each notebook under ``notebooks/`` twice at full fidelity, each time in a fresh kernel
from the notebooks' folder: once as it is, and once with ``d2l.Animator`` redrawing at every
``add``, as the book's Animator does. A probe cell put in front (nothing is written back) times
each cell and every redraw in it. For each code cell that redrew, the table gives both runs'
redraws, the cell's seconds, the share of them spent redrawing, and how many times longer the
cell took when it redrew at every point.

Run: ``python -m benchmarks.live_plot_cost`` (names after it pick notebooks: ``01 02``).
"""
import argparse
import datetime
import json
import os
import platform
from pathlib import Path

import nbformat

ROOT = Path(__file__).parents[1]
from tools.runner import chapters, execute_in_its_folder  # no many-core hang

PROBE = '''
import time
from d2lmini import plotting

EVERY_POINT = {every_point}
_cells, _now = [], {{}}
_show, _add = plotting.Animator.show, plotting.Animator.add


def _timed_show(self):
    start = time.perf_counter()
    _show(self)
    _now['draw'] += time.perf_counter() - start
    _now['redraws'] += 1


def _add_every_point(self, x, y):
    self.next_redraw = 0.0  # due at once, as in the book's Animator
    _add(self, x, y)


def _start(info):
    _now.update(start=time.perf_counter(), draw=0.0, redraws=0)


def _stop(result):
    _cells.append([result.execution_count, time.perf_counter() - _now['start'], _now['draw'],
                   _now['redraws']])


plotting.Animator.show = _timed_show
if EVERY_POINT:
    plotting.Animator.add = _add_every_point
get_ipython().events.register('pre_run_cell', _start)
get_ipython().events.register('post_run_cell', _stop)
'''


def cell_costs(path, every_point):
    """Execute ``path``; return {code cell number: (seconds, redraw seconds, redraws)}."""
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(0, nbformat.v4.new_code_cell(PROBE.format(every_point=every_point)))
    nb.cells.append(nbformat.v4.new_code_cell('import json; print(json.dumps(_cells))'))
    execute_in_its_folder(nb, path, quick=False, timeout=1800)
    cells = json.loads(nb.cells[-1].outputs[0].text)
    # the probe cell ran first, so code cell n of the notebook has execution count n + 1
    return {count - 1: (seconds, draw, redraws)
            for count, seconds, draw, redraws in cells if redraws and count > 1}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('names', nargs='*', help='notebooks whose name starts so (default: all)')
    args = parser.parse_args()
    import torch
    device = torch.cuda.get_device_name(0) if torch.cuda.is_available() else 'no GPU'
    print(f'{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, '
          f'{os.cpu_count()} cores, {device}, Python {platform.python_version()}, full fidelity\n')
    print('| notebook | code cell | redraws: ours / every point | cell: ours / every point '
          '| redrawing: ours / every point | every point / ours |')
    print('| --- | ---: | ---: | ---: | ---: | ---: |')
    for path in chapters(args.names):
        ours, every = cell_costs(path, every_point=False), cell_costs(path, every_point=True)
        for number in sorted(ours.keys() & every.keys()):
            (s1, d1, r1), (s2, d2, r2) = ours[number], every[number]
            print(f'| {path.stem} | {number} | {r1} / {r2} | {s1:.1f} s / {s2:.1f} s '
                  f'| {d1 / s1:.0%} / {d2 / s2:.0%} | {s2 / s1:.1f}x |', flush=True)


if __name__ == '__main__':
    main()
