"""Chapter 03, Çekişmeli Üretici Ağlar: the code its notebook saves.

Generated from notebooks/03-cekismeli-uretici-aglar.ipynb (its cells tagged `save`) by
`python -m tools.export`. Do not edit by hand: change the notebook and export again.
"""
import math
import torch
from torch import nn
import d2lmini as d2l

__all__ = ['A', 'b', 'true_samples', 'generator', 'discriminator', 'update_D', 'update_G',
           'init_weights', 'generated_stats', 'plot_points', 'train_epoch', 'train', 'errors',
           'tol_mean', 'tol_cov', 'recovered']


A = torch.tensor([[1, 2], [-0.1, 0.5]])
b = torch.tensor([1, 2.0])


def true_samples(n=1000, seed=0):
    """Gerçek dağılımdan n örnek çek (X ~ N(0, I) ile X A + b); varsayılanlar bölümün verisi."""
    X = torch.normal(0.0, 1, (n, 2), generator=torch.Generator().manual_seed(seed))
    return torch.matmul(X, A) + b


def generator(latent_dim=2):
    """Üretici: saklı değişkeni tek bir doğrusal katmanla iki boyutlu bir örneğe çevir."""
    return nn.Sequential(nn.Linear(latent_dim, 2))


def discriminator():
    """Ayrımcı: 2 → 5 → 3 → 1 birimli, aralarında tanh olan küçük bir ÇKA."""
    return nn.Sequential(
        nn.Linear(2, 5), nn.Tanh(),
        nn.Linear(5, 3), nn.Tanh(),
        nn.Linear(3, 1))


def update_D(X, Z, net_D, net_G, loss, trainer_D):
    """Ayrımcıyı bir adım güncelle; minigrubun kaybını döndür."""
    ones = torch.ones((X.shape[0], 1))
    zeros = torch.zeros((X.shape[0], 1))
    trainer_D.zero_grad()
    real_Y = net_D(X)
    fake_X = net_G(Z)
    fake_Y = net_D(fake_X.detach())   # üretici bu adımda öğrenmiyor
    loss_D = (loss(real_Y, ones) + loss(fake_Y, zeros)) / 2
    loss_D.backward()
    trainer_D.step()
    return loss_D.detach()


def update_G(Z, net_D, net_G, loss, trainer_G):
    """Üreticiyi bir adım güncelle; minigrubun kaybını döndür."""
    ones = torch.ones((Z.shape[0], 1))
    trainer_G.zero_grad()
    fake_Y = net_D(net_G(Z))          # güncellenmiş ayrımcının gözünden
    loss_G = loss(fake_Y, ones)       # çevrilmiş etiketler: -log D(G(z))
    loss_G.backward()
    trainer_G.step()
    return loss_G.detach()


def init_weights(*nets):
    """Bütün ağırlıkları ve ek girdileri N(0, 0.02²) ile ilkle."""
    for net in nets:
        for w in net.parameters():
            nn.init.normal_(w, mean=0, std=0.02)


def generated_stats(net_G, latent_dim, n=10000):
    """Üreticiden n örnek çek; ortalamalarını ve kovaryanslarını döndür."""
    with torch.no_grad():
        fake_X = net_G(torch.normal(0, 1, size=(n, latent_dim)))
    return fake_X.mean(dim=0), torch.cov(fake_X.T)


def plot_points(ax, real, fake):
    """Gerçek ve üretilen noktaları aynı eksende, sabit sınırlarla çiz."""
    ax.cla()
    ax.scatter(real[:, 0], real[:, 1], s=6, label='gerçek')
    ax.scatter(fake[:, 0], fake[:, 1], s=6, c='C3', label='üretilen')
    low, high = real.min(dim=0).values - 1, real.max(dim=0).values + 1
    ax.set_xlim(float(low[0]), float(high[0]))
    ax.set_ylim(float(low[1]), float(high[1]))
    ax.legend(loc='upper left')


def train_epoch(net_D, net_G, data_iter, loss, trainer_D, trainer_G, latent_dim,
                update_G=update_G):
    """Bir dönem eğit; örnek başına ortalama iki kaybı ve örnek sayısını döndür."""
    metric = d2l.Accumulator(3)  # ayrımcı kaybı, üretici kaybı, örnek sayısı
    for (X,) in data_iter:
        Z = torch.normal(0, 1, size=(X.shape[0], latent_dim))
        metric.add(update_D(X, Z, net_D, net_G, loss, trainer_D),
                   update_G(Z, net_D, net_G, loss, trainer_G), X.shape[0])
    return metric[0] / metric[2], metric[1] / metric[2], metric[2]


def train(net_D, net_G, data_iter, num_epochs, lr_D, lr_G, latent_dim, data, show=True,
          update_G=update_G):
    """İki ağı sırayla eğit; her dönem için (loss_D, loss_G, ortalama, kovaryans) döndür."""
    d2l.check_gan_settings(net_D, net_G, num_epochs, lr_D, lr_G, latent_dim, data)
    loss = nn.BCEWithLogitsLoss(reduction='sum')
    init_weights(net_D, net_G)
    trainer_D = torch.optim.Adam(net_D.parameters(), lr=lr_D)
    trainer_G = torch.optim.Adam(net_G.parameters(), lr=lr_G)
    Z_show, history, timer = torch.normal(0, 1, size=(len(data), latent_dim)), [], d2l.Timer()
    if show:
        animator = d2l.Animator(xlabel='dönem', ylabel='kayıp', xlim=[1, num_epochs], nrows=2,
                                figsize=(5, 5), legend=['ayrımcı', 'üretici', r'$\log 2$'])
        animator.fig.subplots_adjust(hspace=0.35)  # üst panelin "dönem" yazısına yer aç
    for epoch in range(num_epochs):
        timer.start()
        loss_D, loss_G, n = train_epoch(net_D, net_G, data_iter, loss, trainer_D, trainer_G,
                                        latent_dim, update_G)
        timer.stop()
        history.append((loss_D, loss_G, *generated_stats(net_G, latent_dim)))
        if show:
            plot_points(animator.axes[1], data, net_G(Z_show).detach())
            animator.add(epoch + 1, (loss_D, loss_G, math.log(2)))
    if show:
        print(f'loss_D {loss_D:.3f}, loss_G {loss_G:.3f}, saniyede {n / timer.avg():.0f} örnek')
    return history


def errors(mean, cov):
    """Ortalamanın uzaklığı ve kovaryansın göreli hatası (gerçek değerlere göre)."""
    true_cov = A.T @ A
    return float((mean - b).norm()), float((cov - true_cov).norm() / true_cov.norm())


tol_mean, tol_cov = 0.25, 0.15


def recovered(mean, cov):
    """GAN ortalamayı ve kovaryansı başarı eşikleri içinde buldu mu?"""
    mean_err, cov_err = errors(mean, cov)
    return mean_err < tol_mean and cov_err < tol_cov
