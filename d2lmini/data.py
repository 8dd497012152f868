"""In-memory minibatches: tensors are held whole and batched by slicing."""
import numpy as np
import torch
import torch.nn.functional as F

from .errors import bilingual, int_at_least


class TensorBatches:
    """Iterate over equal-length tensors in minibatches, reshuffled each pass.

    The tensors stay in memory and every batch is one indexing operation, so
    a training epoch is not slowed down by per-example Python work. Batches
    are copies: changing one in place never changes the data set.
    """

    def __init__(self, tensors, batch_size, shuffle, transform=None):
        n = len(tensors[0])
        if any(len(t) != n for t in tensors):
            lengths = [len(t) for t in tensors]
            raise ValueError(bilingual(
                f'Tensörlerin uzunlukları farklı: {lengths}. Her örnek için bir satır olmalı; '
                'örneğin (X, y) için len(X) == len(y).',
                f'All tensors must have the same length; got {lengths}. Give one row per '
                'example, e.g. len(X) == len(y) for (X, y).'))
        self.tensors = tensors
        self.batch_size = int_at_least(batch_size, 1, 'batch_size', 256)
        self.shuffle, self.transform = shuffle, transform

    def __len__(self):
        return -(-len(self.tensors[0]) // self.batch_size)

    def __iter__(self):
        n = len(self.tensors[0])
        order = torch.randperm(n) if self.shuffle else None
        for start in range(0, n, self.batch_size):
            if order is None:
                batch = tuple(t[start:start + self.batch_size].clone() for t in self.tensors)
            else:
                idx = order[start:start + self.batch_size]
                batch = tuple(t[idx] for t in self.tensors)
            if self.transform is not None:
                batch = (self.transform(batch[0]),) + batch[1:]
            yield batch


def load_array(data_arrays, batch_size, is_train=True):
    """Return an iterator over minibatches of the tensors in ``data_arrays``.

    ``data_arrays`` is a tuple (or list) of arrays with one row per example,
    such as ``(X, y)``. Floating-point NumPy arrays (float64 by default) become
    float32 tensors, the type of a net's weights.
    """
    if not isinstance(data_arrays, (tuple, list)):
        raise TypeError(bilingual(
            f'load_array bir demet (tuple) bekliyor, {type(data_arrays).__name__} verildi. '
            'Dizileri parantez içinde verin: d2l.load_array((X, y), batch_size), tek dizi için '
            '(X,).',
            f'load_array needs a tuple, got a {type(data_arrays).__name__}. Pass the arrays in '
            'parentheses: d2l.load_array((X, y), batch_size), or (X,) for one array.'))
    tensors = tuple(torch.as_tensor(a, dtype=torch.get_default_dtype())
                    if isinstance(a, np.ndarray) and np.issubdtype(a.dtype, np.floating)
                    else torch.as_tensor(a) for a in data_arrays)
    if not tensors or any(t.ndim == 0 for t in tensors):
        raise ValueError(bilingual(
            'load_array\'a verilen her dizi, her örnek için bir satır içermeli (tek sayı ya da '
            'boş demet olmaz). Örneğin d2l.load_array((X, y), batch_size) yazın.',
            'Each array given to load_array needs one row per example (not a single number, '
            'not an empty tuple). Write, for example, d2l.load_array((X, y), batch_size).'))
    return TensorBatches(tensors, batch_size, shuffle=is_train)


def resize_images(size):
    """Return a function that resizes a batch (B, C, H, W) to ``size``.

    ``size`` is one side length, or a pair ``(height, width)``, in pixels.
    """
    sides = tuple(size) if isinstance(size, (tuple, list)) else (size, size)
    if len(sides) != 2:
        raise ValueError(bilingual(
            f'resize tek bir kenar uzunluğu ya da (yükseklik, genişlik) olmalı, {size!r} '
            'verildi. Örneğin resize=64 yazın.',
            f'resize must be one side length or (height, width), got {size!r}. Write, for '
            'example, resize=64.'))
    sides = tuple(int_at_least(side, 1, 'resize', 64) for side in sides)
    return lambda X: F.interpolate(X, size=sides, mode='bilinear',
                                   antialias=True, align_corners=False)
