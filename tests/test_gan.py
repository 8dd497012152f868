"""Chapter 03's saved code (``d2lmini.chapters.gan``) and its classroom app (``d2l.gan_demo``)."""
import math

import ipywidgets as widgets
import pytest
import torch
from torch import nn

import d2lmini as d2l
from d2lmini.chapters import gan
from helpers import widgets_in


@pytest.fixture(autouse=True)
def one_thread():
    """Train on one thread, as the chapter does: its tiny nets gain nothing from more."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def toy(n=64):
    """A small slice of the chapter's data, its minibatches and fresh nets."""
    data = gan.true_samples(n)
    return data, d2l.load_array((data,), 8), gan.discriminator(), gan.generator()


def one_step():
    """One discriminator and one generator step from seed 0; return the losses and parameters."""
    data, _, net_D, net_G = toy()
    torch.manual_seed(0)
    gan.init_weights(net_D, net_G)
    loss = nn.BCEWithLogitsLoss(reduction='sum')
    trainer_D = torch.optim.Adam(net_D.parameters(), lr=0.05)
    trainer_G = torch.optim.Adam(net_G.parameters(), lr=0.005)
    Z = torch.normal(0, 1, size=(8, 2))
    loss_D = gan.update_D(data[:8], Z, net_D, net_G, loss, trainer_D)
    loss_G = gan.update_G(Z, net_D, net_G, loss, trainer_G)
    return [loss_D, loss_G, *net_D.parameters(), *net_G.parameters()]


def test_the_data_have_the_mean_and_covariance_that_errors_and_recovered_measure_against():
    data = gan.true_samples(20000, seed=1)
    mean, cov = data.mean(dim=0), torch.cov(data.T)
    assert torch.equal(data, gan.true_samples(20000, seed=1))
    assert gan.errors(gan.b, gan.A.T @ gan.A) == (0.0, 0.0)
    assert max(gan.errors(mean, cov)) < 0.05 and gan.recovered(mean, cov)
    assert not gan.recovered(mean + gan.tol_mean, cov)


def test_update_steps_start_at_8_log_2_and_repeat_with_the_seed():
    first, again = one_step(), one_step()
    assert all(torch.equal(a, b) for a, b in zip(first, again))
    assert abs(float(first[0]) - 8 * math.log(2)) < 0.01  # D's first loss: 8 log 2, as taught


@pytest.mark.parametrize('show', [False, True])
def test_train_records_every_epoch_and_repeats_with_the_seed(show, capsys):
    histories = []
    for _ in range(2):
        data, data_iter, net_D, net_G = toy()
        torch.manual_seed(3)
        histories.append(gan.train(net_D, net_G, data_iter, 2, 0.05, 0.005, 2, data, show=show))
    (saved, ours) = histories
    assert len(saved) == len(ours) == 2
    for a, b in zip(saved, ours):
        assert a[:2] == b[:2] and torch.equal(a[2], b[2]) and torch.equal(a[3], b[3])
    assert saved[0][:2] != saved[1][:2]  # every epoch is recorded, not one value repeated
    if show:
        printed = capsys.readouterr().out.splitlines()
        assert len(printed) == 2 and all(line.startswith('loss_D') for line in printed)


def test_plot_points_draws_both_sets_within_the_real_ones_limits():
    data = gan.true_samples(20)
    fig = d2l.plt.figure()
    ax = fig.subplots()
    gan.plot_points(ax, data, data * 0.5)
    real, fake = (c.get_offsets() for c in ax.collections)
    assert (real == data.numpy()).all() and (fake == (data * 0.5).numpy()).all()
    low, high = data.min(dim=0).values - 1, data.max(dim=0).values + 1
    assert ax.get_xlim() == pytest.approx((float(low[0]), float(high[0])))
    assert ax.get_ylim() == pytest.approx((float(low[1]), float(high[1])))
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
        d2l.check_gan_settings(net_D, nn.Linear(2, 3), 1, 0.05, 0.005, 2, data)
    with pytest.raises(ValueError, match='Ayrımcı 2 boyutlu örnekleri işleyemiyor'):
        d2l.check_gan_settings(nn.Linear(4, 1), nn.Linear(2, 2), 1, 0.05, 0.005, 2, data)


def find(app, kind, description=None):
    matches = [w for w in widgets_in(app) if isinstance(w, kind)
               and (description is None or w.description == description)]
    assert len(matches) == 1, (kind, description)
    return matches[0]


def test_demo_trains_again_and_again_and_reports_bad_settings():
    app = d2l.gan_demo(num_epochs=2)
    assert isinstance(app, widgets.VBox)
    button = find(app, widgets.Button, 'Yeniden eğit')
    status = next(w for w in widgets_in(app) if isinstance(w, widgets.HTML) and 'd2l-gan-status' in
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
    data, net_D, net_G = gan.true_samples(), gan.discriminator(), gan.generator()
    torch.manual_seed(1)
    history = gan.train(net_D, net_G, d2l.load_array((data,), 8), 2, 0.05, 0.005, 2, data[:100],
                        show=False)
    mean_err = gan.errors(*history[-1][2:])[0]
    status = next(w for w in widgets_in(app) if isinstance(w, widgets.HTML) and 'd2l-gan-status' in
                  w._dom_classes)
    assert f'rtalamanın hatası {mean_err:.3f}' in status.value
