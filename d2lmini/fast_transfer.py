"""The fast style transfer of chapter 02: its parts put together, and bfloat16.

The loss is chapter 02's (and the book's); only the way to its minimum changes.
L-BFGS instead of Adam, a better start and cheaper evaluations, each measured in
the appendix notebook ``02b-ek-stil-transferini-hizlandirmak`` (which saves them
to ``d2lmini.chapters.style_transfer_speed``):

* a better start: the content image with the colour mean and covariance of the
  style image (``match_colors``), so the colours need not be learnt;
* a multi-scale image (``PyramidImage``): the image is a sum of layers, each
  half the size of the one before, so one L-BFGS step moves large areas as
  easily as single pixels.

Coarse to fine (``coarse_start`` in the appendix: 30 evaluations at half the
size first) was measured and left out: at 300 x 450 the full-size stage after it
still needed 57 evaluations to the book's loss, against 58 without it
(2026-12-07, 2 threads of an AMD EPYC under load), so its coarse stage only added
time. The appendix shows the measurement at its own size.

On a CPU that computes bfloat16 natively, the VGG's layers run in bfloat16
(``Bfloat16Layer``; the switch is ``D2LMINI_BF16``, see ``d2lmini.settings``);
the Gram matrices, the losses and the image stay in float32. Asked for
(``winograd=True``), the float32 convolutions run as Winograd convolutions
(``WinogradConv2d``): fewer multiplications for the same result, up to rounding.
They are not the default: on 2 AVX2 cores one evaluation at 300 x 450 took
0.8 times oneDNN's time, but a press of the studio at its 150 x 225 took 1.3
times as long (``benchmarks/README.md``).
"""
import math

import torch
from torch import nn

from . import settings
from .chapters.style_transfer import (content_layers, content_weight, optimize_image,
                                      style_layers, style_weight, tv_weight)
from .chapters.style_transfer_speed import PyramidImage, match_colors, targets  # noqa: F401
from .errors import bilingual, int_at_least

__all__ = ['fast_style_transfer']


MIN_SIDE = 16  # the VGG halves an image four times before layer 28: 16 px become 1
LAST_LAYER = max(content_layers + style_layers)  # the VGG is cut after it


def _check_image(X, name):
    """Raise a bilingual ValueError unless ``X`` is a (1, 3, h, w) tensor of at least 16 x 16."""
    if not (torch.is_tensor(X) and X.dim() == 4 and X.shape[:2] == (1, 3)):
        shape = tuple(X.shape) if torch.is_tensor(X) else type(X).__name__
        raise ValueError(bilingual(
            f'{name} (1, 3, yükseklik, genişlik) şeklinde bir gerey olmalı, {shape} verildi; '
            'preprocess(img, image_shape) ile hazırlayın.',
            f'{name} must be a (1, 3, height, width) tensor, got {shape}; make it with '
            'preprocess(img, image_shape).'))
    if min(X.shape[2:]) < MIN_SIDE:
        size = ' x '.join(map(str, X.shape[2:]))
        raise ValueError(bilingual(
            f'{name} {size} piksel: en az {MIN_SIDE} x {MIN_SIDE} olmalı (VGG imgeyi dört kez '
            'yarıya indirir). Daha büyük bir boyut seçin.',
            f'{name} is {size} pixels: it must be at least {MIN_SIDE} x {MIN_SIDE} (the VGG '
            'halves it four times). Choose a larger size.'))


def _check_net(net):
    """Raise a bilingual TypeError unless ``net`` is a sequence of layers (a VGG's ``features``)."""
    if not isinstance(net, (nn.Sequential, nn.ModuleList)):
        raise TypeError(bilingual(
            f'net katmanların sırası olmalı, {type(net).__name__} verildi. VGG-19\'un '
            f'özniteliklerini {LAST_LAYER}. katmanda kesip verin: '
            f'd2l.pretrained_vgg19().features[:{LAST_LAYER + 1}].',
            f'net must be a sequence of layers, got a {type(net).__name__}. Pass the VGG-19\'s '
            f'features cut after layer {LAST_LAYER}: '
            f'd2l.pretrained_vgg19().features[:{LAST_LAYER + 1}].'))


def _check_weights(weights):
    """Raise a bilingual ValueError unless the three loss weights are finite, >= 0 numbers."""
    names = ('içerik', 'stil', 'TV')
    if len(weights) != len(names):
        raise ValueError(bilingual(
            f'{len(weights)} kayıp ağırlığı verildi, üç gerekiyor: içerik, stil ve TV '
            '(bölümün değerleri: 1, 1e3, 10).',
            f'{len(weights)} loss weights given, three needed: content, style and TV (the '
            'chapter uses 1, 1e3, 10).'))
    for name, w in zip(names, weights):
        if not (isinstance(w, (int, float)) and math.isfinite(w) and w >= 0):
            raise ValueError(bilingual(
                f'{name} ağırlığı sonlu, negatif olmayan bir sayı olmalı, {w!r} verildi '
                '(bölümün değerleri: 1, 1e3, 10).',
                f'the {name} weight must be a finite number >= 0, got {w!r} (the chapter uses '
                '1, 1e3, 10).'))


def native_bf16():
    """Whether this CPU computes bfloat16 natively (AVX512-BF16), so that bfloat16 pays off.

    One VGG forward and backward at 300 x 450 on 2 threads of a Xeon with
    AVX512-BF16 took 0.57-0.63 s in bfloat16, 1.06-1.42 s in float32. Not
    ``torch.ops.mkldnn._is_mkldnn_bf16_supported()``: that also says yes on
    AVX-512 without BF16 (the course machine), where oneDNN emulates bfloat16
    and an evaluation of the fast method took 9.3 s in bfloat16, 6.0 s in
    float32 (``benchmarks/style_transfer.py``, 2026-12-06, machine loaded).
    False on torch versions without the probe.
    """
    probe = getattr(torch.cpu, '_is_avx512_bf16_supported', None)
    return bool(probe and probe())


def use_bf16(device, bf16=None):
    """Whether the fast method runs the VGG in bfloat16 on ``device``.

    ``bf16`` True or False decides; None follows ``settings.BF16``, whose
    ``'auto'`` means: on a CPU with ``native_bf16()``; not on a GPU, where the
    method reaches the book's loss in about a second in float32 and was not
    measured end to end in bfloat16.
    """
    if bf16 is not None:
        return bf16
    if settings.BF16 == 'auto':
        return device.type == 'cpu' and native_bf16()
    return settings.BF16 == '1'


class Bfloat16Layer(nn.Module):
    """One layer of the VGG under bfloat16 autocast; its output in float32 if a loss taps it.

    Autocast runs the convolution in bfloat16 (a ReLU or max-pool keeps its
    input's type). A tapped output comes back in float32, so that the Gram
    matrices and the losses are computed in float32; that float32 tensor is also
    what the next, in-place ReLU changes, as in float32, where the taps after a
    ReLU see its output.
    """

    def __init__(self, layer, tapped):
        super().__init__()
        self.layer, self.tapped = layer, tapped

    def forward(self, X):
        with torch.autocast(X.device.type, dtype=torch.bfloat16):
            Y = self.layer(X)
        return Y.float() if self.tapped else Y


def bfloat16_layers(net, tapped=content_layers + style_layers):
    """``net`` (sharing its weights) with every layer a ``Bfloat16Layer``, indexed as before."""
    return nn.Sequential(*[Bfloat16Layer(layer, i in tapped) for i, layer in enumerate(net)])


class _Winograd(torch.autograd.Function):
    """NNPACK's convolution forward, and backward to the input only (the weights are frozen)."""

    @staticmethod
    def forward(ctx, X, weight, bias, flipped):
        ctx.save_for_backward(flipped)
        return torch._nnpack_spatial_convolution(X.contiguous(), weight, bias, [1, 1])

    @staticmethod
    def backward(ctx, grad):
        flipped, = ctx.saved_tensors
        # the gradient of a 3 x 3 convolution for its input: the same convolution of the
        # output's gradient, with the kernel turned by 180 degrees and its channels swapped
        return (torch._nnpack_spatial_convolution(grad.contiguous(), flipped, None, [1, 1]),
                None, None, None)


class WinogradConv2d(nn.Module):
    """A frozen 3 x 3 convolution (stride 1, padding 1) by NNPACK's Winograd algorithm.

    Winograd's algorithm computes a tile of outputs of a 3 x 3 convolution with
    fewer multiplications than one per weight and output (Lavin and Gray,
    2016); NNPACK, which PyTorch ships, implements it with AVX2 kernels.
    PyTorch itself uses NNPACK only for batches of 16 or more; this layer calls
    it for one image, forward and backward to the input.
    """

    def __init__(self, conv):
        super().__init__()
        self.conv = conv
        self.register_buffer('flipped', conv.weight.detach().transpose(0, 1).flip(2, 3)
                             .contiguous(), persistent=False)

    def forward(self, X):
        return _Winograd.apply(X, self.conv.weight, self.conv.bias, self.flipped)


def _winograd_fits(layer):
    """Whether ``layer`` is a frozen 3 x 3 convolution that ``WinogradConv2d`` computes."""
    return (isinstance(layer, nn.Conv2d) and layer.kernel_size == (3, 3)
            and layer.stride == (1, 1) and layer.padding == (1, 1)
            and layer.dilation == (1, 1) and layer.groups == 1
            and not any(p.requires_grad for p in layer.parameters()))


def winograd_layers(net):
    """``net`` (sharing its weights) with every frozen 3 x 3 convolution a ``WinogradConv2d``."""
    if not torch.backends.nnpack.is_available():  # the question also sets NNPACK up
        raise RuntimeError(bilingual(
            'Bu PyTorch NNPACK olmadan derlenmiş; Winograd evrişimleri kullanılamaz. '
            'd2l.fast_style_transfer\'i winograd=True vermeden (varsayılan: False) çağırın.',
            'This PyTorch was built without NNPACK, so Winograd convolutions are not available. '
            'Call d2l.fast_style_transfer without winograd=True (the default is False).'))
    return nn.Sequential(*[WinogradConv2d(layer) if _winograd_fits(layer) else layer
                           for layer in net])


def fast_style_transfer(net, content_X, style_X, num_evals,
                        weights=(content_weight, style_weight, tv_weight), callback=None,
                        bf16=None, winograd=False):
    """Style transfer by ``optimize_image`` on a ``PyramidImage`` of the colour-matched content.

    ``net`` is the frozen VGG-19 cut after layer 28, ``content_X`` and
    ``style_X`` standardized (1, 3, h, w) images (``preprocess``; the style
    image may have another size). ``bf16`` runs the VGG's layers in bfloat16
    (True), in float32 (False) or as ``use_bf16`` decides (None), for the image
    only: the targets are computed once, in float32 (the bfloat16 loss was then
    0.2% from the image's float32 loss at 100 x 150, 0.5% at 300 x 450; with
    bfloat16 targets, 0.5% at 100 x 150). In float32, ``winograd=True`` runs
    the convolutions as ``WinogradConv2d`` (a CPU with NNPACK). Returns what
    ``optimize_image`` returns.
    """
    _check_net(net)
    num_evals = int_at_least(num_evals, 1, 'num_evals', 60)
    _check_image(content_X, 'İçerik imgesi')
    _check_image(style_X, 'Stil imgesi')
    _check_weights(weights)
    contents_Y, styles_Y_gram = targets(net, content_X, style_X)
    if use_bf16(content_X.device, bf16):
        net = bfloat16_layers(net)
    elif winograd:
        net = winograd_layers(net)
    gen_img = PyramidImage(match_colors(content_X, style_X))

    def stop_at_a_non_finite_loss(X, history):
        if not math.isfinite(history[-1][3]):
            raise FloatingPointError(bilingual(
                f'Kayıp {len(history)}. değerlendirmede {history[-1][3]} oldu: imgeler ve '
                'ağırlıklar sonlu mu? Bölümün ağırlıklarıyla (1, 1e3, 10) yeniden deneyin.',
                f'The loss became {history[-1][3]} at evaluation {len(history)}: are the images '
                'and weights finite? Try again with the chapter\'s weights (1, 1e3, 10).'))
        if callback:
            callback(X, history)

    return optimize_image(net, gen_img, contents_Y, styles_Y_gram, num_evals, weights,
                          callback=stop_at_a_non_finite_loss)
