"""The portability matrix (benchmarks/portability.py): its rows, its table, and a small run."""
import os

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from benchmarks import portability

code = nbformat.v4.new_code_cell


def test_a_failing_cell_is_reported_by_its_index_and_the_first_line_of_its_error():
    error = nbformat.v4.new_output('error', ename='AssertionError', evalue='bozuk\nayrıntı',
                                   traceback=[])
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell('# Başlık'), code('x = 1'),
                                         code('assert x == 2', outputs=[error])])
    err = CellExecutionError('traceback', 'AssertionError', 'bozuk\nayrıntı')
    assert portability.failure(nb, err) == (2, 'AssertionError: bozuk')
    assert portability.failure(nb, TimeoutError('hücre 60 s içinde bitmedi')) == (
        2, 'TimeoutError: hücre 60 s içinde bitmedi')


def test_the_table_has_one_row_per_execution_sorted_by_configuration():
    rows = [{'config': 'threads-1', 'notebook': 'student/01', 'passed': False, 'cell': 7,
             'error': 'AssertionError: a | b', 'seconds': 12.4},
            {'config': 'default', 'notebook': 'notebooks/01', 'passed': True, 'cell': None,
             'error': None, 'seconds': 3.6}]
    assert portability.table(rows).splitlines()[2:] == [
        '| default | notebooks/01 | pass | 4 |',
        '| threads-1 | student/01 | FAIL (cell 7): AssertionError: a / b | 12 |']


def test_on_a_gpu_machine_the_cpu_configurations_hide_the_gpu():
    configs = portability.configurations(gpu=True)
    assert configs['cuda'] == {} and configs['isa-default'] == {
        'ATEN_CPU_CAPABILITY': 'default', 'CUDA_VISIBLE_DEVICES': ''}
    assert 'cuda' not in portability.configurations(gpu=False)


@pytest.mark.slow
def test_each_configuration_reaches_a_fresh_pinned_kernel(tmp_path):
    cores = max(1, len(os.sched_getaffinity(0)) // 2)
    check = code("import os\nprint(os.environ['OMP_NUM_THREADS'])\n"
                 f"assert len(os.sched_getaffinity(0)) == {cores}\n"
                 "assert os.environ['D2LMINI_QUICK'] == '1'\n"
                 "assert os.environ['OMP_NUM_THREADS'] == '2', 'dört\\niş parçacığı'")
    path = tmp_path / 'deneme.ipynb'
    nbformat.write(nbformat.v4.new_notebook(cells=[code('x = 1'), check]), path)
    configs = {name: portability.CPU_CONFIGS[name] for name in ('threads-2', 'threads-4')}
    rows = list(portability.run_matrix({'deneme': path}, configs, quick=True, jobs=2))
    assert sorted((r['config'], r['passed'], r['cell'], r['error']) for r in rows) == [
        ('threads-2', True, None, None), ('threads-4', False, 1, 'AssertionError: dört')]
    assert nbformat.read(path, as_version=4).cells[1].outputs == []  # nothing written back


def test_the_runner_gives_the_kernel_its_settings_but_not_the_shells_plot_backend(monkeypatch):
    from tools import runner

    seen = {}

    class Client:
        def execute(self, env):
            seen.update(env)

    monkeypatch.setattr(runner, 'notebook_client', lambda nb, **kwargs: Client())
    monkeypatch.setenv('MPLBACKEND', 'Agg')  # a headless shell's default
    monkeypatch.setenv('D2LMINI_QUICK', '0')
    runner.execute_in_its_folder(None, runner.ROOT / 'notebooks' / 'x.ipynb', quick=True,
                                 env={'OMP_NUM_THREADS': '3'})
    assert seen['D2LMINI_QUICK'] == '1' and seen['OMP_NUM_THREADS'] == '3'
    assert 'MPLBACKEND' not in seen and os.environ['D2LMINI_QUICK'] == '0'
