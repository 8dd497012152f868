"""In-memory minibatches: tensors are held whole and batched by slicing."""
import torch
import torch.nn.functional as F

from .errors import bilingual


class TensorBatches:
    """Iterate over equal-length tensors in minibatches, reshuffled each pass.

    The tensors stay in memory and every batch is one indexing operation, so
    a training epoch is not slowed down by per-example Python work.
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
        if not isinstance(batch_size, int) or batch_size < 1:
            raise ValueError(bilingual(
                f'batch_size pozitif bir tam sayı olmalı, {batch_size!r} verildi. Örneğin '
                'batch_size=256 yazın.',
                f'batch_size must be a positive int, got {batch_size!r}. Write, for example, '
                'batch_size=256.'))
        self.tensors, self.batch_size = tensors, batch_size
        self.shuffle, self.transform = shuffle, transform

    def __len__(self):
        return -(-len(self.tensors[0]) // self.batch_size)

    def __iter__(self):
        n = len(self.tensors[0])
        order = torch.randperm(n) if self.shuffle else None
        for start in range(0, n, self.batch_size):
            if order is None:
                batch = tuple(t[start:start + self.batch_size] for t in self.tensors)
            else:
                idx = order[start:start + self.batch_size]
                batch = tuple(t[idx] for t in self.tensors)
            if self.transform is not None:
                batch = (self.transform(batch[0]),) + batch[1:]
            yield batch


def load_array(data_arrays, batch_size, is_train=True):
    """Return an iterator over minibatches of the tensors in ``data_arrays``."""
    tensors = tuple(torch.as_tensor(a) for a in data_arrays)
    return TensorBatches(tensors, batch_size, shuffle=is_train)


def resize_images(size):
    """Return a function that resizes a batch (B, C, H, W) to ``size``."""
    size = (size, size) if isinstance(size, int) else tuple(size)
    return lambda X: F.interpolate(X, size=size, mode='bilinear',
                                   antialias=True, align_corners=False)
