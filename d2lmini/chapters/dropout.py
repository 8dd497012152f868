"""Chapter 01, Hattan Düşürme: the code its notebook saves.

Generated from notebooks/01-hattan-dusurme.ipynb (its cells tagged `save`) by
`python -m tools.export`. Do not edit by hand: change the notebook and export again.
"""
import torch

__all__ = ['dropout_layer']


def dropout_layer(X, dropout):
    """Her elemanı `dropout` olasılığıyla sıfırlar, kalanları 1 / (1 - dropout) kat büyütür."""
    if isinstance(dropout, str):
        raise ValueError(f'dropout bir sayı olmalı, metin değil: {dropout!r} yerine tırnaksız '
                         f'{dropout.strip()} yazın.')
    if not 0 <= dropout <= 1:
        raise ValueError(f'dropout bir olasılıktır, 0 ile 1 arasında olmalı; {dropout!r} '
                         'verildi. Örneğin 0.2 ya da 0.5 deneyin.')
    if dropout == 1:  # bütün birimler düşer
        return torch.zeros_like(X)
    if dropout == 0:  # hiçbir birim düşmez
        return X
    mask = torch.rand(X.shape, device=X.device) > dropout  # maske X ile aynı aygıtta
    return mask * X / (1.0 - dropout)
