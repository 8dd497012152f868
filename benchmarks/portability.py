"""Do the chapters run on every student's machine? Each chapter and student edition, each setting.

Executes every notebook under ``notebooks/`` and its student edition top to bottom, each in a
fresh kernel, at full fidelity (or ``--quick``), under named configurations: environment variables
for the kernel that imitate other machines (thread counts, PyTorch's CPU kernels for other
instruction sets, a GPU). On a machine with a GPU the CPU configurations hide it
(``CUDA_VISIBLE_DEVICES=``) and ``cuda`` shows it; without one, ``cuda`` is left out. A failing
cell is reported, never fatal. Prints one markdown row per execution as it ends, then the whole
table; ``--out`` also writes it as JSON (rewritten after every row, so a cut-off run keeps what
it had). Nothing is written back to the chapters.

    python -m benchmarks.portability --jobs 4 --out artifacts/portability.json
    python -m benchmarks.portability --quick --configs default isa-default --chapters 01 03

``--jobs N`` runs N executions at once, each pinned to its own share of this process's CPUs
(the kernel inherits the pinning), so ``default`` means as many threads as a job has cores.
"""
import argparse
import datetime
import json
import multiprocessing
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import nbformat
from nbclient.exceptions import CellExecutionError

from tools.runner import chapters, execute_in_its_folder
from tools.student_edition import ROOT, write_student_editions

CPU_CONFIGS = {
    'default': {},
    'threads-1': {'OMP_NUM_THREADS': '1'},
    'threads-2': {'OMP_NUM_THREADS': '2'},
    'threads-4': {'OMP_NUM_THREADS': '4'},
    'isa-default': {'ATEN_CPU_CAPABILITY': 'default'},  # portable kernels: a CPU without AVX2
    'isa-avx2': {'ATEN_CPU_CAPABILITY': 'avx2'},
    'isa-avx512': {'ATEN_CPU_CAPABILITY': 'avx512'},
}
CELL_TIMEOUT = 1800  # seconds: a stuck cell fails its run instead of blocking the matrix


def gpu():
    """The first GPU that ``nvidia-smi -L`` lists, or '' (without initialising CUDA here)."""
    smi = shutil.which('nvidia-smi')
    listed = subprocess.run([smi, '-L'], capture_output=True, text=True).stdout if smi else ''
    return listed.splitlines()[0] if 'GPU' in listed else ''


def configurations(gpu):
    """Name -> the kernel's extra environment; on a GPU machine the CPU ones hide the GPU."""
    if not gpu:
        return dict(CPU_CONFIGS)
    hidden = {name: {**env, 'CUDA_VISIBLE_DEVICES': ''} for name, env in CPU_CONFIGS.items()}
    return {**hidden, 'cuda': {}}


def failure(nb, err):
    """(index of the failing cell among all cells or None, the first line of its error)."""
    cell = next((i for i, c in enumerate(nb.cells)
                 if any(o.output_type == 'error' for o in c.get('outputs', []))), None)
    if isinstance(err, CellExecutionError):
        message = f'{err.ename}: {err.evalue}'
    else:  # a timeout, a dead kernel
        message = f'{type(err).__name__}: {err}'
    return cell, (message.strip().splitlines() or [''])[0]


def execute(config, env, path, label, quick):
    """Run one notebook in a fresh kernel; return its row of the table."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    cell = error = None
    try:
        execute_in_its_folder(nb, path, quick, env=env, timeout=CELL_TIMEOUT,
                              store_widget_state=False)
    except Exception as err:  # every failure is a result of the matrix
        cell, error = failure(nb, err)
    return {'config': config, 'notebook': label, 'passed': error is None, 'cell': cell,
            'error': error, 'seconds': round(time.perf_counter() - start, 1)}


def row(result):
    """One markdown row of the table."""
    verdict = 'pass' if result['passed'] else f"FAIL (cell {result['cell']}): {result['error']}"
    return (f"| {result['config']} | {result['notebook']} | {verdict.replace('|', '/')} | "
            f"{result['seconds']:.0f} |")


def table(results):
    """The markdown table of ``results``, sorted by configuration and notebook."""
    lines = ['| configuration | notebook | result | seconds |', '| --- | --- | --- | ---: |']
    return '\n'.join(lines + [row(r) for r in sorted(
        results, key=lambda r: (r['config'], r['notebook']))])


def committed_seconds(path):
    """How long the committed run of a notebook's cells took (nbclient's timing metadata)."""
    total = 0.0
    for cell in nbformat.read(path, as_version=4).cells:
        timing = cell.metadata.get('execution', {})
        if 'iopub.execute_input' in timing and 'shell.execute_reply' in timing:
            begin, end = (datetime.datetime.fromisoformat(timing[key].rstrip('Z')) for key in
                          ('iopub.execute_input', 'shell.execute_reply'))
            total += (end - begin).total_seconds()
    return total


def pin(slots):
    """A worker's initializer: pin this process (and the kernels it starts) to one CPU slot."""
    os.sched_setaffinity(0, slots.get())


def run_matrix(notebooks, configs, quick, jobs):
    """Execute each (configuration, notebook) pair, ``jobs`` at a time; yield the rows as they end.

    ``notebooks`` maps a label to a path; ``configs`` a name to the kernel's extra environment.
    """
    context = multiprocessing.get_context('spawn')  # fresh workers, nothing inherited by fork
    cpus = sorted(os.sched_getaffinity(0))
    share = max(1, len(cpus) // jobs)
    slots = context.Manager().Queue()
    for i in range(jobs):
        slots.put(cpus[i * share % len(cpus):][:share])
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=pin,
                             initargs=(slots,)) as pool:
        longest_first = sorted(notebooks.items(), key=lambda item: -committed_seconds(item[1]))
        futures = [pool.submit(execute, config, env, path, label, quick)
                   for label, path in longest_first for config, env in configs.items()]
        for future in as_completed(futures):
            yield future.result()


def machine(gpu_name):
    """The date, the CPU, its cores, the GPU and Python's and torch's versions, in one line."""
    import torch  # already imported by d2lmini
    return (f'{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, '
            f'{platform.processor() or platform.machine()}, {os.cpu_count()} cores, '
            f'{gpu_name or "no GPU"}, Python {platform.python_version()}, '
            f'torch {torch.__version__}')


def main(argv=None):
    """Parse the options, write the student editions, run the matrix, print its table."""
    gpu_name = gpu()
    configs = configurations(bool(gpu_name))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--configs', nargs='+', choices=list(configs), default=list(configs))
    parser.add_argument('--chapters', nargs='+', default=(),
                        help='notebooks whose name starts so, e.g. 01 02b (default: all)')
    parser.add_argument('--quick', action='store_true', help='quick mode (D2LMINI_QUICK=1)')
    parser.add_argument('--jobs', type=int, default=1, help='executions at once (default: 1)')
    parser.add_argument('--out', type=Path, help='also write the results here as JSON')
    args = parser.parse_args(argv)
    paths = chapters(args.chapters)
    if not paths:
        parser.error(f'no notebook under notebooks/ starts with {" or ".join(args.chapters)}')
    header = machine(gpu_name) + (', quick mode' if args.quick else ', full fidelity')
    print(header, flush=True)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / 'img').symlink_to(ROOT / 'img')  # beside the editions: '../img/' resolves
        editions = write_student_editions(Path(tmp) / 'student', paths)
        notebooks = {**{f'notebooks/{p.stem}': p for p in paths},
                     **{f'student/{p.stem}': p for p in editions}}
        chosen = {name: configs[name] for name in args.configs}
        for result in run_matrix(notebooks, chosen, args.quick, args.jobs):
            results.append(result)
            print(row(result), flush=True)
            if args.out:
                args.out.write_text(json.dumps({'machine': header, 'results': results},
                                               indent=1, ensure_ascii=False) + '\n')
    print('\n' + table(results))
    return 0 if all(r['passed'] for r in results) else 1


if __name__ == '__main__':
    sys.exit(main())
