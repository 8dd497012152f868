"""d2lmini: the support package of the Turkish deep-learning course.

A drop-in for ``from d2l import torch as d2l`` in the course's chapters:
``import d2lmini as d2l``.
"""
from .data import load_array
from .demos import dropout_demo, gan_demo, show_dropout, style_transfer_demo
from .devices import cpu, num_gpus, try_all_gpus, try_gpu
from .dropout import dropout_layer
from .fashion_mnist import DataError, get_fashion_mnist_labels, load_data_fashion_mnist
from .fast_style_transfer import fast_style_transfer
from .gan import check_gan_settings, update_D, update_G
from .images import load_image
from .metrics import Accumulator, Timer, accuracy, evaluate_accuracy
from .plotting import Animator, plt, set_axes, set_figsize, show_images, use_svg_display
from .settings import QUICK
from .tensors import Image, abs, matmul, normal, numpy, reshape, size, tensor
from .training import sgd, train_ch3, train_epoch_ch3
from .version import __version__, require_version
from .vgg import pretrained_vgg19

__all__ = [
    'abs', 'Accumulator', 'accuracy', 'Animator', 'check_gan_settings', 'cpu', 'DataError',
    'dropout_demo', 'dropout_layer', 'evaluate_accuracy', 'fast_style_transfer', 'gan_demo',
    'get_fashion_mnist_labels', 'Image', 'load_array', 'load_data_fashion_mnist', 'load_image',
    'matmul', 'normal', 'num_gpus', 'numpy', 'plt', 'pretrained_vgg19', 'QUICK',
    'require_version', 'reshape', 'set_axes', 'set_figsize', 'sgd', 'show_dropout',
    'show_images', 'size', 'style_transfer_demo', 'tensor', 'Timer', 'train_ch3',
    'train_epoch_ch3', 'try_all_gpus', 'try_gpu', 'update_D', 'update_G', 'use_svg_display',
]
