"""The exporter: the chapters' modules are what their notebooks' `save` cells say, nothing else,
and the package's index of public names is what the modules declare."""
import json
from pathlib import Path

import pytest

from tools import export


GENERATED = export.generated()


@pytest.mark.parametrize('path', GENERATED, ids=str)
def test_the_committed_modules_and_index_match_a_fresh_export(path):
    committed = (export.ROOT / path).read_text(encoding='utf-8')
    assert committed == GENERATED[path], f'{path} is stale: run python -m tools.export'


def notebook(tmp_path, *cells):
    """A notebook of code cells given as (source, tags), after a '# Başlık' markdown cell."""
    nb = {'cells': [{'cell_type': 'markdown', 'metadata': {}, 'source': '# Başlık\n'}]
          + [{'cell_type': 'code', 'metadata': {'tags': tags}, 'source': source, 'outputs': [],
              'execution_count': None} for source, tags in cells],
          'metadata': {'d2lmini': {'module': 'deneme'}}, 'nbformat': 4, 'nbformat_minor': 5}
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
    assert namespace['__all__'] == ['SCALE', 'scaled']


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
    (tmp_path / 'd2lmini' / '__init__.py').write_text('from .core import one_core\n')
    notebook(tmp_path / 'notebooks', ('def one():\n    """Bir."""\n    return 1\n', ['save']))
    monkeypatch.setattr(export, 'ROOT', tmp_path)
    module = tmp_path / 'd2lmini' / 'chapters' / 'deneme.py'
    assert export.main(['--check']) == 1 and not module.exists()
    assert 'stale: d2lmini/chapters/deneme.py' in capsys.readouterr().out
    assert export.main([]) == 0 and 'def one():' in module.read_text()
    assert export.main(['--check']) == 0
    assert "NAMES = ['one', 'one_core']" in (tmp_path / 'd2lmini' / '_index.py').read_text()


def test_the_index_leaves_out_a_name_two_modules_or_the_package_have():
    modules = {Path('d2lmini', '__init__.py'): 'from .core import shared_core\n',
               Path('d2lmini', 'core.py'): 'def shared_core(): pass\n',
               Path('d2lmini', 'one.py'): "__all__ = ['train', 'core', 'shared_core', 'first']\n",
               Path('d2lmini', 'apps', 'two.py'): "__all__ = ['train', 'second']\n"}
    namespace = {}
    exec(export.render_index(modules), namespace)
    assert namespace['ON_FIRST_USE'] == {'first': 'one', 'second': 'apps.two'}
    assert namespace['NAMES'] == ['first', 'second', 'shared_core']
    assert 'Left out, as two modules or the package itself have them: core, shared_core, train' \
        in namespace['__doc__']
