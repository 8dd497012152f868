"""Mistakes students make with d2l's helpers (issue 31), each called as a student writes it.

Every call gives the right result or a bilingual error (Turkish, then English) whose Turkish
part names the mistake and the fix; the apps show the Turkish part alone.
"""

import ipywidgets as widgets
import numpy as np
import pytest
import torch
from torch import nn

import d2lmini as d2l
from d2lmini.chapters import style_transfer as st
from d2lmini.errors import turkish
from d2lmini.fast_transfer import LAST_LAYER
from helpers import ROOT, widgets_in

IMG = ROOT / 'img' / 'rainier.jpg'


def refused(call, *fixes, kind=ValueError):
    """Run ``call``; assert it raises ``kind`` bilingually, its Turkish part naming ``fixes``."""
    with pytest.raises(kind) as err:
        call()
    message = str(err.value)
    assert message.count('\n / ') == 1, message
    tr, en = message.split('\n / ')
    assert any(c in tr for c in 'çğıöşüÇĞİÖŞÜ') and len(en) > 20
    for fix in fixes:
        assert fix in tr, (fix, tr)
    return tr


def images(n=20, seed=0):
    """``n`` random 28 x 28 images in a Fashion-MNIST-shaped minibatch, and labels 0-9."""
    g = torch.Generator().manual_seed(seed)
    return torch.rand(n, 1, 28, 28, generator=g), torch.randint(0, 10, (n,), generator=g)


def train(net, data, updater=None, epochs=1):
    """``train_ch3`` as the chapters call it, on ``data`` for training and test."""
    updater = updater or torch.optim.SGD(net.parameters(), lr=0.1)
    return d2l.train_ch3(net, data, data, nn.CrossEntropyLoss(reduction='none'), epochs,
                         updater)


# --- silent wrong results: now a right result or a clear error ---

def test_accuracy_refuses_one_column_of_scores_with_the_threshold():
    refused(lambda: d2l.accuracy(torch.tensor([[2.3], [-1.2], [0.4]]), torch.tensor([1, 0, 1])),
            '(y_hat > 0).long()')
    assert d2l.accuracy((torch.tensor([[2.3], [-1.2], [0.4]]) > 0).long(),
                        torch.tensor([1, 0, 1])) == 3.0


@pytest.mark.parametrize('lr', [-0.5, float('nan'), float('inf')])
def test_sgd_refuses_a_negative_or_non_finite_learning_rate(lr, capsys):
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
    params = list(net.parameters())
    before = [p.clone() for p in params]
    refused(lambda: train(net, d2l.load_array(images(), 16),
                          updater=lambda n: d2l.sgd(params, lr, n)), 'lr=0.1')
    assert all(torch.equal(a, b) for a, b in zip(before, params))  # nothing was changed


@pytest.mark.parametrize('settings, fix', [
    (dict(p=0.97), 'p=0.5'), (dict(copies=5000), 'copies=100'), (dict(p=-0.1), 'p=0.5'),
    (dict(copies=0), 'copies=100'), (dict(copies=2.5), 'copies=100')])
def test_dropout_demo_refuses_values_its_sliders_cannot_show(settings, fix):
    tr = refused(lambda: d2l.dropout_demo(image=torch.rand(28, 28), **settings), fix)
    assert ('0.95' in tr) == ('p' in settings) and ('1000' in tr) == ('copies' in settings)


def test_dropout_demo_shows_the_values_it_was_given_at_the_sliders_ends():
    app = d2l.dropout_demo(p=0.95, copies=1000, image=torch.rand(28, 28))
    assert (app.children[1].value, app.children[2].value) == (0.95, 1000)


@pytest.mark.parametrize('num_epochs', [0, -3, 2.5])
def test_gan_demo_refuses_a_bad_number_of_epochs_when_built(num_epochs):
    refused(lambda: d2l.gan_demo(num_epochs=num_epochs), 'num_epochs=20')


def test_gan_demo_shows_one_epoch_as_one():
    app = d2l.gan_demo(num_epochs=1)
    sliders = [w for w in widgets_in(app) if isinstance(w, widgets.IntSlider)]
    assert [s.value for s in sliders if s.description == 'dönem'] == [1]


@pytest.mark.parametrize('num_steps', [0, 3, 501, 10.0])
def test_style_transfer_demo_refuses_steps_its_slider_cannot_show(num_steps):
    refused(lambda: d2l.style_transfer_demo(num_steps=num_steps), 'num_steps=60', '5 ile 500')


@pytest.mark.parametrize('n', [-1, 0, 2.0])
def test_accumulator_needs_at_least_one_slot(n):
    refused(lambda: d2l.Accumulator(n), 'n=3')


def test_fast_style_transfer_refuses_no_evaluations():
    net = nn.Sequential(nn.Identity())
    X = torch.zeros(1, 3, 32, 32)
    refused(lambda: d2l.fast_style_transfer(net, X, X, num_evals=-5), 'num_evals=60')


# --- raw errors: now a message that names the mistake and the fix ---

def test_train_ch3_without_flatten_says_to_add_it(capsys):
    net = nn.Sequential(nn.Linear(784, 10))
    refused(lambda: train(net, d2l.load_array(images(), 16)), 'nn.Flatten()')


def test_a_linear_layer_of_the_wrong_size_names_the_number_of_features(capsys):
    net = nn.Sequential(nn.Flatten(), nn.Linear(700, 10))
    refused(lambda: train(net, d2l.load_array(images(), 16)), '700 girdi bekliyor ama 784')


def test_load_array_turns_numpy_float64_into_float32_so_training_works(capsys):
    X, y = np.random.rand(40, 4), np.random.randint(0, 3, 40)
    data = d2l.load_array((X, y), 16)
    assert next(iter(data))[0].dtype == torch.float32
    train_loss, train_acc, test_acc = train(nn.Linear(4, 3), data)
    assert np.isfinite(train_loss) and 0 <= test_acc <= 1


def test_float64_tensors_name_the_conversion(capsys):
    X, y = images()
    refused(lambda: train(nn.Sequential(nn.Flatten(), nn.Linear(784, 10)),
                          d2l.load_array((X.double(), y), 16)), 'X.float()')


def test_float_labels_name_the_conversion(capsys):
    X, y = images()
    refused(lambda: train(nn.Sequential(nn.Flatten(), nn.Linear(784, 10)),
                          d2l.load_array((X, y.float()), 16)), 'y.long()')


def test_sgd_before_backward_says_to_call_backward():
    w = torch.normal(0, 0.01, size=(4, 1), requires_grad=True)
    refused(lambda: d2l.sgd([w], 0.1, 4), 'backward()')


def test_accumulator_given_a_loss_per_example_says_to_sum_it():
    refused(lambda: d2l.Accumulator(2).add(torch.tensor([1., 2.]), 1), 'l.sum()')


def test_show_dropout_takes_one_image_of_a_batch(monkeypatch):
    X, _ = images()
    shown = []
    monkeypatch.setattr('IPython.display.display', shown.append)
    d2l.show_dropout(X[0])  # (1, 28, 28)
    assert len(shown) == 1
    app = d2l.dropout_demo(image=X[0])
    assert 'p = 0.50' in app.children[-1].value


def test_show_dropout_names_the_shape_it_needs():
    X, _ = images()
    refused(lambda: d2l.show_dropout(X[:2]), 'X[0]')


def test_a_label_beyond_the_outputs_names_the_range(capsys):
    X, y = images()
    y[3] = 5
    refused(lambda: train(nn.Sequential(nn.Flatten(), nn.Linear(784, 3)),
                          d2l.load_array((X, y % 3 + (y == 5) * 5), 16)), '0 ile 2')


def test_show_images_with_too_few_titles_says_so():
    img = torch.rand(28, 28)
    refused(lambda: d2l.show_images([img] * 4, 2, 2, titles=['a']), '4 imge', '1 başlık')
    d2l.plt.close('all')


@pytest.mark.parametrize('where', ['train', 'evaluate'])
def test_an_empty_iterator_is_named(where, capsys):
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
    if where == 'train':
        refused(lambda: train(net, d2l.load_array(images(0), 16)), 'boş')
    else:
        refused(lambda: d2l.evaluate_accuracy(net, iter([])), 'boş')


def test_fast_style_transfer_given_the_whole_vgg_names_its_features(vgg19):
    X = torch.zeros(1, 3, 32, 32)
    refused(lambda: d2l.fast_style_transfer(vgg19, X, X, 10),
            f'.features[:{LAST_LAYER + 1}]', kind=TypeError)


def test_load_image_reads_an_open_file_and_refuses_none():
    with open(IMG, 'rb') as f:
        assert d2l.load_image(f).size == d2l.load_image(IMG).size
    refused(lambda: d2l.load_image(None), 'd2l.load_image(', kind=TypeError)


def test_timer_avg_before_any_stop_says_to_stop():
    refused(lambda: d2l.Timer().avg(), 'timer.stop()')


def test_style_transfer_demo_refuses_a_shape_without_two_sides():
    refused(lambda: d2l.style_transfer_demo(image_shape=(150,)), 'image_shape=(150, 225)')


def test_two_loss_weights_ask_for_three():
    X = torch.zeros(1, 3, 32, 32)
    refused(lambda: d2l.fast_style_transfer(nn.Sequential(nn.Identity()), X, X, 10,
                                            weights=(1, 1e3)), 'üç')


def refused_in_turkish(call, *fixes):
    """Like ``refused`` for a chapter's saved code, whose messages are Turkish only."""
    with pytest.raises(ValueError) as err:
        call()
    message = str(err.value)
    assert any(c in message for c in 'çğıöşüÇĞİÖŞÜ'), message
    for fix in fixes:
        assert fix in message, (fix, message)


def test_dropout_layer_given_a_string_says_so():
    refused_in_turkish(lambda: d2l.dropout_layer(torch.ones(3), '0.5'), "'0.5'", 'tırnaksız 0.5')


def test_preprocess_to_no_pixels_says_so():
    refused(lambda: st.preprocess(d2l.load_image(IMG), (0, 0)), 'image_shape')


def test_lr_decay_epoch_zero_says_so():
    net = nn.Sequential(nn.Conv2d(3, 3, 1))
    X = torch.zeros(1, 3, 16, 16)
    refused(lambda: st.train(net, X, [], [], 'cpu', 0.3, 2, 0), 'lr_decay_epoch')


# --- the apps show the Turkish part of an error, all in one way ---

def test_turkish_is_the_part_before_the_english():
    assert turkish(ValueError(d2l.errors.bilingual('Türkçe.', 'English.', 'a / b'))) == 'Türkçe.'
    assert turkish(RuntimeError('torch says / this')) == 'torch says / this'


def test_apps_show_only_the_turkish_part():
    app = d2l.dropout_demo(image=torch.rand(3, 28, 28))
    shown = app.children[-1].value
    assert 'X[0]' in shown and 'For one image' not in shown
    app = d2l.gan_demo(num_epochs=2)
    next(w for w in widgets_in(app) if isinstance(w, widgets.FloatText)
         and w.description == 'lr_D').value = -1.0
    next(w for w in widgets_in(app) if isinstance(w, widgets.Button)).click()
    status = next(w for w in widgets_in(app) if 'd2l-gan-status' in getattr(w, '_dom_classes', ()))
    assert 'lr_D' in status.value and ' / ' not in status.value
