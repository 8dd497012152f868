"""Checks of the settings that chapter 03's GAN ``train`` loop is given."""
import torch


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
