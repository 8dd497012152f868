"""Does a chapter print the same numbers twice? Two fresh runs, compared line by line.

Executes each chosen notebook under ``notebooks/`` twice, top to bottom, each time in a
fresh kernel (full fidelity, or quick mode with ``--quick``), and lists every line of
printed text (stdout, plain-text results, markdown tables) that differs between the two
runs, cell by cell. Timings differ by nature; seeded numbers should not. Nothing is
written back.

Run: ``.venv/bin/python -m scripts.check_determinism 02`` (names pick notebooks by prefix;
none: all three).
"""
import argparse
from pathlib import Path

import nbformat

ROOT = Path(__file__).parents[1]
from tools.runner import chapters, execute_in_its_folder  # no many-core hang


def printed_lines(path, quick):
    """Execute ``path`` in a fresh kernel; return each code cell's printed lines."""
    nb = nbformat.read(path, as_version=4)
    execute_in_its_folder(nb, path, quick, timeout=1200)
    cells = []
    for cell in (c for c in nb.cells if c.cell_type == 'code'):
        lines = []
        for out in cell.outputs:
            if out.output_type == 'stream' and out.name == 'stdout':
                lines += out.text.splitlines()
            elif 'text/markdown' in out.get('data', {}):  # the tables
                lines += out.data['text/markdown'].splitlines()
            elif out.get('data', {}).keys() == {'text/plain'}:
                lines += out.data['text/plain'].splitlines()
        cells.append(lines)
    return cells


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('names', nargs='*', help='notebooks whose name starts so (default: all)')
    parser.add_argument('--quick', action='store_true', help='run in quick mode')
    args = parser.parse_args()
    for path in chapters(args.names):
        first, second = printed_lines(path, args.quick), printed_lines(path, args.quick)
        same = differ = 0
        for number, (a, b) in enumerate(zip(first, second), 1):
            for line_a, line_b in zip(a, b):
                if line_a == line_b:
                    same += 1
                else:
                    differ += 1
                    print(f'{path.stem}, code cell {number}:\n  - {line_a}\n  + {line_b}')
            if len(a) != len(b):
                differ += 1
                print(f'{path.stem}, code cell {number}: {len(a)} lines, then {len(b)}')
        print(f'{path.stem}: {same} lines identical, {differ} differ\n', flush=True)


if __name__ == '__main__':
    main()
