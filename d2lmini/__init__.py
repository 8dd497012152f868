"""d2lmini: the support package of the Turkish deep-learning course.

A drop-in for ``from d2l import torch as d2l`` in the course's chapters:
``import d2lmini as d2l``. The core modules load at once; the chapters' saved code
(``d2lmini.chapters``, generated from the notebooks), the fast style transfer and the
classroom apps (``d2lmini.apps``, which need ipywidgets) load on first use. Which names are
public, and the module of each loaded on first use, is ``_index.py``, written by the exporter
(``python -m tools.export``) from the modules' ``__all__``.
"""
import importlib

from . import _index
from .data import load_array
from .devices import cpu, num_gpus, try_all_gpus, try_gpu
from .fashion_mnist import DataError, get_fashion_mnist_labels, load_data_fashion_mnist
from .gan_checks import check_gan_settings
from .images import load_image
from .metrics import Accumulator, Timer, accuracy, evaluate_accuracy
from .plotting import Animator, plt, set_axes, set_figsize, show_images, use_svg_display
from .settings import QUICK
from .tensors import Image, abs, matmul, normal, numpy, reshape, size, tensor
from .training import sgd, train_ch3, train_epoch_ch3
from .version import __version__, require_version
from .vgg import pretrained_vgg19

__all__ = _index.NAMES


def __getattr__(name):
    """Import the module of a name loaded on first use (``_index.py``) and return the name."""
    if name not in _index.ON_FIRST_USE:
        raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
    value = getattr(importlib.import_module(f'.{_index.ON_FIRST_USE[name]}', __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_index.ON_FIRST_USE))
