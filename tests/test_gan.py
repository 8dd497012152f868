"""Chapter 03's saved code (d2lmini.gan) and its classroom app (d2l.gan_demo).

The chapter writes ``update_D``, ``update_G``, ``train`` and their helpers step
by step; ``d2lmini.gan`` keeps copies for the demo and the exercises. The
copies are checked against the functions as the notebook defines them, taken
from the notebook's JSON: with the same seed they must give the same numbers.
"""
import ast
import json
import math
from pathlib import Path

import ipywidgets as widgets
import pytest
import torch
from torch import nn

import d2lmini as d2l
from d2lmini import gan
from d2lmini.demos.gan import chapter_data

@pytest.fixture(autouse=True)
def one_thread():
    """Train on one thread, as the chapter does: its tiny nets gain nothing from more."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


NOTEBOOK = Path(__file__).parents[1] / 'notebooks' / '03-cekismeli-uretici-aglar.ipynb'
SAVED = ['update_D', 'update_G', 'init_weights', 'generated_stats', 'plot_points', 'train_epoch',
         'train']


@pytest.fixture(scope='module')
def chapter():
    """The notebook's own definitions of the saved functions, executed in a fresh namespace."""
    cells = json.loads(NOTEBOOK.read_text(encoding='utf-8'))['cells']
    namespace = {'torch': torch, 'nn': nn, 'math': math, 'd2l': d2l}
    found = []
    for cell in cells:
        if cell['cell_type'] != 'code':
            continue
        source = ''.join(cell['source'])
        for node in ast.parse(source).body:
            if isinstance(node, ast.FunctionDef) and node.name in SAVED:
                exec(ast.get_source_segment(source, node), namespace)
                found.append(node.name)
    assert sorted(found) == sorted(SAVED), 'each saved function is defined once in the notebook'
    return namespace


def toy(n=64):
    """A small slice of the chapter's data, its minibatches and fresh nets."""
    data = chapter_data(n)
    net_D = nn.Sequential(nn.Linear(2, 5), nn.Tanh(), nn.Linear(5, 3), nn.Tanh(), nn.Linear(3, 1))
    return data, d2l.load_array((data,), 8), net_D, nn.Sequential(nn.Linear(2, 2))


def test_the_saved_copies_say_where_they_come_from():
    for name in SAVED:
        assert 'Defined in chapter 03, Çekişmeli Üretici Ağlar.' in getattr(gan, name).__doc__


def one_step(module):
    """One discriminator and one generator step from seed 0; return the losses and parameters."""
    data, _, net_D, net_G = toy()
    torch.manual_seed(0)
    module['init_weights'](net_D, net_G)
    loss = nn.BCEWithLogitsLoss(reduction='sum')
    trainer_D = torch.optim.Adam(net_D.parameters(), lr=0.05)
    trainer_G = torch.optim.Adam(net_G.parameters(), lr=0.005)
    Z = torch.normal(0, 1, size=(8, 2))
    loss_D = module['update_D'](data[:8], Z, net_D, net_G, loss, trainer_D)
    loss_G = module['update_G'](Z, net_D, net_G, loss, trainer_G)
    return [loss_D, loss_G, *net_D.parameters(), *net_G.parameters()]


def test_update_steps_agree_with_the_notebook(chapter):
    saved = one_step(vars(gan))
    ours = one_step(chapter)
    assert all(torch.equal(a, b) for a, b in zip(saved, ours))
    assert abs(float(saved[0]) - 8 * math.log(2)) < 0.01  # D's first loss: 8 log 2, as taught


@pytest.mark.parametrize('show', [False, True])
def test_train_agrees_with_the_notebook(chapter, show, capsys):
    histories = []
    for train in (gan.train, chapter['train']):
        data, data_iter, net_D, net_G = toy()
        torch.manual_seed(3)
        histories.append(train(net_D, net_G, data_iter, 2, 0.05, 0.005, 2, data, show=show))
    (saved, ours) = histories
    assert len(saved) == len(ours) == 2
    for a, b in zip(saved, ours):
        assert a[:2] == b[:2] and torch.equal(a[2], b[2]) and torch.equal(a[3], b[3])
    assert saved[0][:2] != saved[1][:2]  # every epoch is recorded, not one value repeated
    if show:
        printed = capsys.readouterr().out.splitlines()
        assert len(printed) == 2 and all(line.startswith('loss_D') for line in printed)


def test_plot_points_agrees_with_the_notebook(chapter):
    data = chapter_data(20)
    fig = d2l.plt.figure()
    ax1, ax2 = fig.subplots(1, 2)
    gan.plot_points(ax1, data, data * 0.5)
    chapter['plot_points'](ax2, data, data * 0.5)
    for a, b in zip(ax1.collections, ax2.collections):
        assert (a.get_offsets() == b.get_offsets()).all()
    assert ax1.get_xlim() == ax2.get_xlim() and ax1.get_ylim() == ax2.get_ylim()
    d2l.plt.close(fig)


@pytest.mark.parametrize('change, message', [
    (dict(lr_D=-0.05), 'lr_D pozitif bir sayı olmalı'),
    (dict(lr_G=0), 'lr_G pozitif bir sayı olmalı'),
    (dict(lr_G=True), 'lr_G pozitif bir sayı olmalı'),
    (dict(num_epochs=0), 'num_epochs en az 1'),
    (dict(num_epochs=2.5), 'num_epochs en az 1'),
    (dict(latent_dim=3), 'latent_dim, üreticinin ilk katmanının girdi boyutuna eşit olmalı'),
])
def test_bad_settings_stop_with_a_turkish_message(change, message):
    data, data_iter, net_D, net_G = toy()
    settings = dict(num_epochs=2, lr_D=0.05, lr_G=0.005, latent_dim=2) | change
    with pytest.raises(ValueError, match=message):
        gan.train(net_D, net_G, data_iter, data=data, show=False, **settings)


def test_mismatched_nets_stop_with_a_turkish_message():
    data, data_iter, net_D, _ = toy()
    with pytest.raises(ValueError, match='üreticinin çıktısı verinin boyutunda olmalı'):
        gan.check_gan_settings(net_D, nn.Linear(2, 3), 1, 0.05, 0.005, 2, data)
    with pytest.raises(ValueError, match='Ayrımcı 2 boyutlu örnekleri işleyemiyor'):
        gan.check_gan_settings(nn.Linear(4, 1), nn.Linear(2, 2), 1, 0.05, 0.005, 2, data)


def test_the_demo_uses_the_chapters_data():
    torch.manual_seed(0)
    X = torch.normal(0.0, 1, (1000, 2))
    A, b = torch.tensor([[1, 2], [-0.1, 0.5]]), torch.tensor([1, 2.0])
    assert torch.equal(chapter_data(), X @ A + b)


def parts(app):
    """Every widget inside ``app``, found by walking its children."""
    found, todo = [], [app]
    while todo:
        w = todo.pop()
        found.append(w)
        todo.extend(getattr(w, 'children', ()))
    return found


def find(app, kind, description=None):
    matches = [w for w in parts(app) if isinstance(w, kind)
               and (description is None or w.description == description)]
    assert len(matches) == 1, (kind, description)
    return matches[0]


def test_demo_trains_again_and_again_and_reports_bad_settings():
    app = d2l.gan_demo(num_epochs=2)
    assert isinstance(app, widgets.VBox)
    button = find(app, widgets.Button, 'Yeniden eğit')
    status = next(w for w in parts(app) if isinstance(w, widgets.HTML) and 'd2l-gan-status' in
                  w._dom_classes)
    progress = find(app, widgets.IntProgress)
    before = status.value
    button.click()
    first = status.value
    assert first != before and 'rtalamanın hatası' in first and progress.value == 2
    find(app, widgets.IntSlider, 'dönem').value = 3
    find(app, widgets.IntSlider, 'tohum').value = 5
    button.click()  # again, with other settings and no restart
    assert status.value != first and progress.value == progress.max == 3
    find(app, widgets.FloatText, 'lr_D').value = -1.0
    button.click()  # a bad setting: a Turkish message in the app, no exception
    assert 'lr_D pozitif bir sayı olmalı' in status.value and not button.disabled


def test_demo_defaults_repeat_the_chapters_main_training():
    app = d2l.gan_demo(num_epochs=2, seed=1)
    find(app, widgets.Button, 'Yeniden eğit').click()
    data, net_D, net_G = chapter_data(), *toy()[2:]
    torch.manual_seed(1)
    history = gan.train(net_D, net_G, d2l.load_array((data,), 8), 2, 0.05, 0.005, 2, data[:100],
                        show=False)
    mean_err = float((history[-1][2] - torch.tensor([1, 2.0])).norm())
    status = next(w for w in parts(app) if isinstance(w, widgets.HTML) and 'd2l-gan-status' in
                  w._dom_classes)
    assert f'rtalamanın hatası {mean_err:.3f}' in status.value
