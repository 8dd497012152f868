"""Chapter 01's saved code and its demo: the notebook's function agrees with d2lmini's copy."""
import json
from pathlib import Path

import pytest
import torch

import d2lmini as d2l
from d2lmini.demos import dropout as demo

NOTEBOOK = Path(__file__).parents[1] / 'notebooks' / '01-hattan-dusurme.ipynb'


def notebook_function(name):
    """Exec the notebook cell that defines ``name`` and return the function it defines."""
    cells = json.loads(NOTEBOOK.read_text(encoding='utf-8'))['cells']
    sources = [''.join(c['source']) for c in cells if c['cell_type'] == 'code']
    source = next(s for s in sources if s.startswith(f'def {name}('))
    namespace = {'torch': torch}
    exec(source, namespace)
    return namespace[name]


@pytest.mark.parametrize('p', [0.0, 0.3, 0.5, 1.0])
def test_notebook_dropout_layer_agrees_with_the_saved_copy(p):
    X = torch.arange(16, dtype=torch.float32).reshape(2, 8)
    torch.manual_seed(1)
    expected = d2l.dropout_layer(X, p)
    torch.manual_seed(1)
    assert torch.equal(notebook_function('dropout_layer')(X, p), expected)


def test_dropout_layer_keeps_the_mean_and_rejects_non_probabilities():
    torch.manual_seed(0)
    Y = d2l.dropout_layer(torch.ones(100_000), 0.5)
    assert set(Y.unique().tolist()) == {0.0, 2.0}
    assert abs(float(Y.mean()) - 1) < 0.02
    with pytest.raises(ValueError, match='0 ile 1 arasında'):
        d2l.dropout_layer(torch.ones(3), 1.5)


def test_dropout_picture_leaves_the_global_random_state_alone():
    image = torch.rand(28, 28)
    torch.manual_seed(5)
    before = torch.rand(1)
    torch.manual_seed(5)
    demo.dropout_picture(image, 0.5, 10)
    assert torch.equal(torch.rand(1), before)


def test_demo_builds_and_a_slider_changes_what_it_shows():
    app = d2l.dropout_demo(image=torch.rand(28, 28), label='deneme')
    _, p_slider, copies_slider, picture, numbers = app.children
    shown = numbers.value, picture.value
    assert 'p = 0.50' in numbers.value and bytes(picture.value).startswith(b'\x89PNG')
    p_slider.value = 0.8
    assert 'p = 0.80' in numbers.value and bytes(picture.value) != bytes(shown[1])
    copies_slider.value = 3
    assert '3 kopyanın ortalaması' in numbers.value


def test_demo_shows_errors_in_turkish_inside_the_app(monkeypatch):
    def missing():
        raise d2l.DataError('veri yok')
    monkeypatch.setattr(demo, 'first_test_image', missing)
    app = d2l.dropout_demo()
    assert 'Fashion-MNIST yüklenemedi: veri yok' in app.children[-1].value
    with pytest.raises(ValueError, match='1 hariç'):
        d2l.dropout_demo(p=1)
