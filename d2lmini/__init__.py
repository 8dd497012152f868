"""d2lmini: the support package of the Turkish deep-learning course.

A drop-in for ``from d2l import torch as d2l`` in the course's chapters:
``import d2lmini as d2l``. The core modules load at once; the chapters' saved code
(``d2lmini.chapters``, generated from the notebooks), the fast style transfer and the
classroom apps (``d2lmini.apps``, which need ipywidgets) load on first use.
"""
import importlib

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

_ON_FIRST_USE = {  # name -> the module that defines it, imported when the name is first used
    'dropout_layer': 'chapters.dropout',
    'update_D': 'chapters.gan',
    'update_G': 'chapters.gan',
    'fast_style_transfer': 'fast_transfer',
    'dropout_demo': 'apps',
    'gan_demo': 'apps',
    'show_dropout': 'apps',
    'style_transfer_demo': 'apps',
}

__all__ = [
    'abs', 'Accumulator', 'accuracy', 'Animator', 'check_gan_settings', 'cpu', 'DataError',
    'dropout_demo', 'dropout_layer', 'evaluate_accuracy', 'fast_style_transfer', 'gan_demo',
    'get_fashion_mnist_labels', 'Image', 'load_array', 'load_data_fashion_mnist', 'load_image',
    'matmul', 'normal', 'num_gpus', 'numpy', 'plt', 'pretrained_vgg19', 'QUICK',
    'require_version', 'reshape', 'set_axes', 'set_figsize', 'sgd', 'show_dropout',
    'show_images', 'size', 'style_transfer_demo', 'tensor', 'Timer', 'train_ch3',
    'train_epoch_ch3', 'try_all_gpus', 'try_gpu', 'update_D', 'update_G', 'use_svg_display',
]


def __getattr__(name):
    """Import the module of a name in ``_ON_FIRST_USE`` and return the name from it."""
    if name not in _ON_FIRST_USE:
        raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
    value = getattr(importlib.import_module(f'.{_ON_FIRST_USE[name]}', __name__), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_ON_FIRST_USE))
