"""The toy GAN of chapter 03: a generator learns a 2-D Gaussian, on the CPU.

The chapter writes each of these functions step by step; these are the saved
copies that its demo and exercises reuse. The nets are tiny and the minibatches
hold 8 examples, so the work is bound by per-operation overhead: it runs on
the CPU by design, where such small steps are cheapest.
"""
import math

import torch
from torch import nn

from .metrics import Accumulator, Timer
from .plotting import Animator


def update_D(X, Z, net_D, net_G, loss, trainer_D):
    """Take one discriminator step on real ``X`` and fakes from ``Z``; return its loss.

    Defined in chapter 03, Çekişmeli Üretici Ağlar.
    """
    ones = torch.ones((X.shape[0], 1))
    zeros = torch.zeros((X.shape[0], 1))
    trainer_D.zero_grad()
    real_Y = net_D(X)
    fake_Y = net_D(net_G(Z).detach())
    loss_D = (loss(real_Y, ones) + loss(fake_Y, zeros)) / 2
    loss_D.backward()
    trainer_D.step()
    return loss_D.detach()


def update_G(Z, net_D, net_G, loss, trainer_G):
    """Take one generator step with flipped labels; return its loss.

    Defined in chapter 03, Çekişmeli Üretici Ağlar.
    """
    ones = torch.ones((Z.shape[0], 1))
    trainer_G.zero_grad()
    loss_G = loss(net_D(net_G(Z)), ones)
    loss_G.backward()
    trainer_G.step()
    return loss_G.detach()


def init_weights(*nets):
    """Draw every weight and bias of ``nets`` from N(0, 0.02^2).

    Defined in chapter 03, Çekişmeli Üretici Ağlar.
    """
    for net in nets:
        for w in net.parameters():
            nn.init.normal_(w, mean=0, std=0.02)


def generated_stats(net_G, latent_dim, n=10000):
    """Return the mean and covariance of ``n`` samples of the generator.

    Defined in chapter 03, Çekişmeli Üretici Ağlar.
    """
    with torch.no_grad():
        fake_X = net_G(torch.normal(0, 1, size=(n, latent_dim)))
    return fake_X.mean(dim=0), torch.cov(fake_X.T)


def check_gan_settings(net_D, net_G, num_epochs, lr_D, lr_G, latent_dim, data):
    """Raise a ``ValueError`` with a Turkish, actionable message for settings ``train`` rejects."""
    for name, lr in [('lr_D', lr_D), ('lr_G', lr_G)]:
        if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not lr > 0:
            raise ValueError(f'{name} pozitif bir sayı olmalı, {lr!r} verildi '
                             '(kitabın değerleri: lr_D = 0.05, lr_G = 0.005).')
    if isinstance(num_epochs, bool) or not isinstance(num_epochs, int) or num_epochs < 1:
        raise ValueError(f'num_epochs en az 1 olan bir tam sayı olmalı, {num_epochs!r} verildi.')
    with torch.no_grad():
        try:
            fake_X = net_G(torch.zeros((1, latent_dim)))
        except RuntimeError:
            raise ValueError(f'Üretici {latent_dim} boyutlu saklı değişkenleri işleyemiyor: '
                             'latent_dim, üreticinin ilk katmanının girdi boyutuna eşit olmalı.'
                             ) from None
        if fake_X.shape[1:] != data.shape[1:]:
            raise ValueError(f'Üretici {fake_X.shape[1]} boyutlu örnekler üretiyor ama gerçek '
                             f'veri {data.shape[1]} boyutlu: üreticinin çıktısı verinin boyutunda '
                             'olmalı.')
        try:
            net_D(fake_X)
        except RuntimeError:
            raise ValueError(f'Ayrımcı {data.shape[1]} boyutlu örnekleri işleyemiyor: ilk '
                             'katmanının girdi boyutu verinin boyutuna eşit olmalı.') from None


def plot_points(ax, real, fake):
    """Scatter real and generated points on one axes with limits fixed by the real ones.

    Defined in chapter 03, Çekişmeli Üretici Ağlar.
    """
    ax.cla()
    ax.scatter(real[:, 0], real[:, 1], s=6, label='gerçek')
    ax.scatter(fake[:, 0], fake[:, 1], s=6, c='C3', label='üretilen')
    low, high = real.min(dim=0).values - 1, real.max(dim=0).values + 1
    ax.set_xlim(float(low[0]), float(high[0]))
    ax.set_ylim(float(low[1]), float(high[1]))
    ax.legend(loc='upper left')


def train_epoch(net_D, net_G, data_iter, loss, trainer_D, trainer_G, latent_dim):
    """Train both nets for one epoch; return the mean losses per example and the example count.

    Defined in chapter 03, Çekişmeli Üretici Ağlar.
    """
    metric = Accumulator(3)  # discriminator loss, generator loss, examples
    for (X,) in data_iter:
        Z = torch.normal(0, 1, size=(X.shape[0], latent_dim))
        metric.add(update_D(X, Z, net_D, net_G, loss, trainer_D),
                   update_G(Z, net_D, net_G, loss, trainer_G), X.shape[0])
    return metric[0] / metric[2], metric[1] / metric[2], metric[2]


def train(net_D, net_G, data_iter, num_epochs, lr_D, lr_G, latent_dim, data, show=True):
    """Train D and G in turns; return (loss_D, loss_G, mean, covariance) for every epoch.

    With ``show`` the losses and 100 generated points are drawn live next to ``data``.

    Defined in chapter 03, Çekişmeli Üretici Ağlar.
    """
    check_gan_settings(net_D, net_G, num_epochs, lr_D, lr_G, latent_dim, data)
    loss = nn.BCEWithLogitsLoss(reduction='sum')
    init_weights(net_D, net_G)
    trainer_D = torch.optim.Adam(net_D.parameters(), lr=lr_D)
    trainer_G = torch.optim.Adam(net_G.parameters(), lr=lr_G)
    Z_show, history, timer = torch.normal(0, 1, size=(len(data), latent_dim)), [], Timer()
    if show:
        animator = Animator(xlabel='dönem', ylabel='kayıp', xlim=[1, num_epochs], nrows=2,
                            figsize=(5, 5), legend=['ayrımcı', 'üretici', r'$\log 2$'])
        animator.fig.subplots_adjust(hspace=0.35)  # room for the loss axes' x label
    for epoch in range(num_epochs):
        timer.start()
        loss_D, loss_G, n = train_epoch(net_D, net_G, data_iter, loss, trainer_D, trainer_G,
                                        latent_dim)
        timer.stop()
        history.append((loss_D, loss_G, *generated_stats(net_G, latent_dim)))
        if show:
            plot_points(animator.axes[1], data, net_G(Z_show).detach())
            animator.add(epoch + 1, (loss_D, loss_G, math.log(2)))
    if show:
        print(f'loss_D {loss_D:.3f}, loss_G {loss_G:.3f}, '
              f'saniyede {n * num_epochs / timer.sum():.0f} örnek')
    return history
