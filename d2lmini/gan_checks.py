"""Checks of the settings that chapter 03's GAN ``train`` loop is given."""
import torch

from .errors import bilingual, int_at_least


def check_gan_settings(net_D, net_G, num_epochs, lr_D, lr_G, latent_dim, data):
    """Raise a bilingual, actionable ``ValueError`` for settings ``train`` rejects."""
    for name, lr in [('lr_D', lr_D), ('lr_G', lr_G)]:
        if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not lr > 0:
            raise ValueError(bilingual(
                f'{name} pozitif bir sayı olmalı, {lr!r} verildi (kitabın değerleri: '
                'lr_D = 0.05, lr_G = 0.005).',
                f'{name} must be a positive number, got {lr!r} (the book uses lr_D = 0.05, '
                'lr_G = 0.005).'))
    int_at_least(num_epochs, 1, 'num_epochs', 20)
    with torch.no_grad():
        try:
            fake_X = net_G(torch.zeros((1, latent_dim)))
        except RuntimeError:
            raise ValueError(bilingual(
                f'Üretici {latent_dim} boyutlu saklı değişkenleri işleyemiyor: latent_dim, '
                'üreticinin ilk katmanının girdi boyutuna eşit olmalı.',
                f'The generator cannot take latent variables of size {latent_dim}: latent_dim '
                "must equal the input size of the generator's first layer.")) from None
        if fake_X.shape[1:] != data.shape[1:]:
            raise ValueError(bilingual(
                f'Üretici {fake_X.shape[1]} boyutlu örnekler üretiyor ama gerçek veri '
                f'{data.shape[1]} boyutlu: üreticinin çıktısı verinin boyutunda olmalı.',
                f'The generator makes examples of size {fake_X.shape[1]} but the real data '
                f'have size {data.shape[1]}: its output must have the size of the data.'))
        try:
            net_D(fake_X)
        except RuntimeError:
            raise ValueError(bilingual(
                f'Ayrımcı {data.shape[1]} boyutlu örnekleri işleyemiyor: ilk katmanının girdi '
                'boyutu verinin boyutuna eşit olmalı.',
                f'The discriminator cannot take examples of size {data.shape[1]}: the input '
                "size of its first layer must equal the size of the data.")) from None
