"""Saved code of chapter 01, Hattan Düşürme (dropout): the functions the notebook writes."""
import torch


def dropout_layer(X, dropout):
    """Zero each element of ``X`` with probability ``dropout``, scale the rest by 1/(1 - dropout).

    Defined in chapter 01, Hattan Düşürme. The mask is drawn on ``X``'s device.
    """
    if not 0 <= dropout <= 1:
        raise ValueError(f'dropout bir olasılıktır, 0 ile 1 arasında olmalı; {dropout!r} '
                         'verildi. Örneğin 0.2 ya da 0.5 deneyin.')
    if dropout == 1:
        return torch.zeros_like(X)
    if dropout == 0:
        return X
    mask = torch.rand(X.shape, device=X.device) > dropout
    return mask * X / (1.0 - dropout)
