"""Chapter 01's saved code (``d2l.dropout_layer``) and its classroom app."""
import pytest
import torch

import d2lmini as d2l
from d2lmini.apps import dropout as demo

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
    with pytest.raises(ValueError, match='0 ile 0.95 arasında'):
        d2l.dropout_demo(p=1)

