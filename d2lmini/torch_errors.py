"""Torch's errors from a training step, explained: what the student wrote wrong and the fix.

The training loop calls the net and the loss inside ``try`` (free in Python 3.11
until an error comes) and passes what it caught here; an error with no known
cause is raised as torch wrote it.
"""
import re

from .errors import bilingual


def _dtype(tensor):
    return str(tensor.dtype).removeprefix('torch.')


def no_batches(name):
    """The error for a data iterator that gave no minibatch."""
    return ValueError(bilingual(
        f'{name} hiç minigrup vermedi (boş). Veriyi ve batch_size\'ı denetleyin; bir üreteç '
        '(generator) yalnızca bir kez dolaşılabilir, her dönem için d2l.load_array gibi '
        'yeniden dolaşılabilir bir yineleyici verin.',
        f'{name} gave no minibatch (it is empty). Check the data and batch_size; a generator '
        'can be iterated only once, so pass an iterator that can be iterated again each '
        'epoch, such as d2l.load_array.'))


def net_error(err, X):
    """A bilingual ``ValueError`` for torch's error ``err`` from ``net(X)``, or None."""
    text = str(err)
    shapes = re.search(r'\((\d+)x(\d+) and (\d+)x(\d+)\)', text)
    if shapes and X.ndim > 2 and X[0].numel() == int(shapes[3]):
        return ValueError(bilingual(
            f'Ağ, {tuple(X.shape)} şeklindeki minigrubu çarpamadı: doğrusal katman her örneği '
            'tek bir satır olarak ister. Ağın başına nn.Flatten() ekleyin, örneğin '
            f'nn.Sequential(nn.Flatten(), nn.Linear({X[0].numel()}, 10)).',
            f'The net cannot multiply the minibatch of shape {tuple(X.shape)}: a linear layer '
            'needs each example as one row. Put nn.Flatten() first, e.g. '
            f'nn.Sequential(nn.Flatten(), nn.Linear({X[0].numel()}, 10)). (torch: {text})'))
    if shapes:
        given, expected = shapes[2], shapes[3]
        return ValueError(bilingual(
            f'Katmanların boyutları uyuşmuyor: bir doğrusal katman örnek başına {expected} '
            f'girdi bekliyor ama {given} alıyor. Her katmanın girdi boyutu bir öncekinin çıktı '
            'boyutuna, ilk katmanınki de örnek başına öznitelik sayısına eşit olmalı.',
            f'The layer sizes do not match: a linear layer expects {expected} inputs per '
            f"example but gets {given}. Each layer's input size must equal the previous layer's "
            f"output size, and the first layer's the number of features per example. "
            f'(torch: {text})'))
    if 'dtype' in text or ('type' in text and 'should be the same' in text):
        return ValueError(bilingual(
            f'Veri (X) {_dtype(X)} türünde ama ağın ağırlıkları başka türde (genellikle '
            'float32). Veriyi X.float() ile çevirin; NumPy dizilerini d2l.load_array '
            'kendisi float32 yapar.',
            f"The data (X) are {_dtype(X)} but the net's weights are of another type "
            '(usually float32). Convert the data with X.float(); d2l.load_array does so itself '
            f'for NumPy arrays. (torch: {text})'))
    return None


def loss_error(err, y_hat, y):
    """A bilingual ``ValueError`` for torch's error ``err`` from ``loss(y_hat, y)``, or None."""
    text = str(err)
    if 'target' in text.lower() and 'dtype' in text and y.is_floating_point():
        return ValueError(bilingual(
            f'Etiketler (y) {_dtype(y)} türünde ama çapraz entropi kaybı sınıf numaraları '
            '(tam sayılar) ister. Etiketleri y.long() ile çevirin.',
            f'The labels (y) are {_dtype(y)} but the cross-entropy loss needs class numbers '
            f'(integers). Convert them with y.long(). (torch: {text})'))
    if 'out of bounds' in text and y.numel():
        outputs = y_hat.shape[-1] if y_hat.ndim > 1 else 1
        return ValueError(bilingual(
            f'Etiketler {int(y.min())} ile {int(y.max())} arasında ama ağ {outputs} çıktı '
            f'veriyor: etiketler 0 ile {outputs - 1} arasında olmalı. Son katmanın çıktı '
            'sayısını sınıf sayısına eşitleyin (örneğin nn.Linear(256, 10)) ya da etiketleri '
            'denetleyin.',
            f'The labels lie from {int(y.min())} to {int(y.max())} but the net gives {outputs} '
            f'outputs: labels must lie from 0 to {outputs - 1}. Give the last layer one output '
            'per class (e.g. nn.Linear(256, 10)) or check the labels.'))
    return None
