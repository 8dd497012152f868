"""The exporter: the chapters' modules are what their notebooks' `save` cells say, nothing else."""
import json

import pytest

from tools import export


@pytest.mark.parametrize('notebook, module', export.CHAPTERS.items())
def test_the_committed_chapter_modules_match_a_fresh_export(notebook, module):
    committed = (export.ROOT / 'd2lmini' / 'chapters' / f'{module}.py').read_text(encoding='utf-8')
    assert committed == export.render(export.ROOT / 'notebooks' / f'{notebook}.ipynb'), \
        f'd2lmini/chapters/{module}.py is stale: run python -m tools.export'


def notebook(tmp_path, *cells):
    """A notebook of code cells given as (source, tags), after a '# Başlık' markdown cell."""
    nb = {'cells': [{'cell_type': 'markdown', 'metadata': {}, 'source': '# Başlık\n'}]
          + [{'cell_type': 'code', 'metadata': {'tags': tags}, 'source': source, 'outputs': [],
              'execution_count': None} for source, tags in cells],
          'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5}
    path = tmp_path / '09-deneme.ipynb'
    path.write_text(json.dumps(nb), encoding='utf-8')
    return path


def test_a_save_cell_gives_its_definitions_and_constants_but_not_its_demonstration(tmp_path):
    path = notebook(tmp_path,
                    ('import math\nimport torch\nfrom torch import nn, optim\n', []),
                    ('SCALE = torch.tensor([2.0])\nnet = nn.Linear(2, 2)\n\n\n'
                     '# ölçekle\ndef scaled(X):\n    """Ölçekle."""\n    return X * SCALE\n\n\n'
                     'print(scaled(net.weight))\n', ['save']),
                    ('def helper():\n    """Kaydedilmez."""\n    return math.pi\n', []))
    text = export.render(path)
    assert 'notebooks/09-deneme.ipynb' in text and 'Do not edit by hand' in text
    assert 'SCALE = torch.tensor([2.0])' in text and '# ölçekle\ndef scaled(X):' in text
    assert 'net = ' not in text and 'print(' not in text and 'helper' not in text
    assert 'import torch\n' in text  # used by the saved code
    assert 'import math' not in text and 'nn' not in text and 'optim' not in text  # not used
    namespace = {}
    exec(text, namespace)
    assert float(namespace['scaled'](1.0)) == 2.0


def test_a_constant_is_saved_only_if_a_saved_definition_reads_the_module_level_name(tmp_path):
    path = notebook(tmp_path,
                    ('import torch\n', []),
                    ('SCALE = 2.0\nSHIFT = 1.0\nloss = torch.nn.MSELoss()\ntotal = 0\n\n\n'
                     'def scaled(x, factor=SCALE):\n    """Ölçekle."""\n    return x * factor\n\n\n'
                     'def shifted(X, loss):\n    """Kaydır."""\n    def shift():\n'
                     '        return SHIFT\n    total = loss(X, X) + shift()\n    return total\n',
                     ['save']))
    text = export.render(path)
    assert 'SCALE = 2.0' in text and 'SHIFT = 1.0' in text  # read by a default, a nested def
    assert 'loss =' not in text and 'total = 0' not in text  # only a parameter, a local


def test_check_reports_a_stale_module_and_writes_nothing(tmp_path, monkeypatch, capsys):
    (tmp_path / 'notebooks').mkdir()
    (tmp_path / 'd2lmini' / 'chapters').mkdir(parents=True)
    path = notebook(tmp_path / 'notebooks',
                    ('def one():\n    """Bir."""\n    return 1\n', ['save']))
    monkeypatch.setattr(export, 'ROOT', tmp_path)
    monkeypatch.setattr(export, 'CHAPTERS', {path.stem: 'deneme'})
    module = tmp_path / 'd2lmini' / 'chapters' / 'deneme.py'
    assert export.main(['--check']) == 1 and not module.exists()
    assert 'stale: d2lmini/chapters/deneme.py' in capsys.readouterr().out
    assert export.main([]) == 0 and 'def one():' in module.read_text()
    assert export.main(['--check']) == 0
