"""The tensor shorthands the book's code calls as ``d2l.xxx``."""
import torch
from PIL import Image  # noqa: F401  (re-exported as d2l.Image)

tensor = torch.tensor
normal = torch.normal
matmul = torch.matmul
abs = torch.abs  # noqa: A001  (the book's name)


def reshape(x, *shape):
    """Reshape ``x``; the shape may be given as one tuple or as integers."""
    return x.reshape(*shape)


def size(x):
    """Return the number of elements of ``x``."""
    return x.numel()


def numpy(x):
    """Return ``x`` as a NumPy array, detached and moved to the CPU."""
    return x.detach().cpu().numpy()
