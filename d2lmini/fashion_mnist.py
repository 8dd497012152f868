"""Fashion-MNIST, offline first.

``load_data_fashion_mnist`` looks for the four IDX files, as ``.gz`` or
decompressed, in this order:

1. the ``root`` argument, then the folder in ``$D2LMINI_DATA_DIR``;
2. Debian's ``/usr/share/datasets/fashion-mnist/`` (``apt install
   dataset-fashion-mnist``);
3. a torchvision download into ``~/.cache/d2lmini`` (needs the internet).

The files are parsed here, not by torchvision, so Debian's re-compressed
``.gz`` files work, and a truncated or corrupt file raises ``DataError``.
"""
import functools
import gzip
import os
import struct
import warnings
from pathlib import Path

import torch

from .data import TensorBatches, resize_images
from .errors import bilingual, int_at_least

DEBIAN_DIR = Path('/usr/share/datasets/fashion-mnist')
CACHE_DIR = Path.home() / '.cache' / 'd2lmini'
FILES = {
    'train': ('train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 60000),
    'test': ('t10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte', 10000),
}
LABELS_EN = ['t-shirt', 'trouser', 'pullover', 'dress', 'coat',
             'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot']
LABELS_TR = ['tişört', 'pantolon', 'kazak', 'elbise', 'palto',
             'sandalet', 'gömlek', 'spor ayakkabı', 'çanta', 'bot']


class DataError(RuntimeError):
    """The Fashion-MNIST files are missing, truncated or corrupt."""


def get_fashion_mnist_labels(labels, lang='tr'):
    """Return the class names of numeric labels, in Turkish or English."""
    names = {'tr': LABELS_TR, 'en': LABELS_EN}.get(lang)
    if names is None:
        raise ValueError(bilingual(f"lang 'tr' ya da 'en' olmalı, {lang!r} verildi.",
                                   f"lang must be 'tr' or 'en', got {lang!r}."))
    numbers = [int(i) for i in labels]
    outside = sorted({i for i in numbers if not 0 <= i < len(names)})
    if outside:
        raise ValueError(bilingual(
            f'Fashion-MNIST etiketleri 0-9 arasında olmalı, {outside} verildi. Sınıf '
            'numaralarını verin (tahminler için y_hat.argmax(dim=1)).',
            f'Fashion-MNIST labels must lie in 0-9, got {outside}. Pass class numbers '
            '(for predictions, y_hat.argmax(dim=1)).'))
    return [names[i] for i in numbers]


def find_file(folder, name):
    """Return the path of ``name`` or ``name.gz`` in ``folder``, or None."""
    for sub in ('', 'FashionMNIST/raw'):
        for suffix in ('.gz', ''):
            path = Path(folder) / sub / (name + suffix)
            if path.is_file():
                return path
    return None


def _has_all_files(folder):
    return all(find_file(folder, name)
               for images, labels, _ in FILES.values() for name in (images, labels))


def _corrupt(path, tr_size, en_size):
    return bilingual(
        f'{path} kesik ya da bozuk ({tr_size}). Silip yeniden indirin.',
        f'{path} is truncated or corrupt ({en_size}). Delete it and download it again.')


def _read_idx(path, expected_magic, expected_tail):
    """Parse one IDX file (optionally gzipped) into a uint8 tensor."""
    opener = gzip.open if path.suffix == '.gz' else open
    try:
        with opener(path, 'rb') as f:
            raw = f.read()
    except (OSError, EOFError) as err:
        raise DataError(bilingual(
            f'Fashion-MNIST dosyası {path} okunamadı ({err}). Dosyayı silip yeniden indirin.',
            f'Cannot read the Fashion-MNIST file {path} ({err}). Delete it and download it '
            'again.')) from err
    ndim = expected_magic & 0xFF
    header = 4 + 4 * ndim
    if len(raw) < header:
        raise DataError(_corrupt(path, f'{len(raw)} bayt', f'{len(raw)} bytes'))
    magic, *dims = struct.unpack(f'>{1 + ndim}I', raw[:header])
    if magic != expected_magic or tuple(dims[1:]) != expected_tail:
        raise DataError(bilingual(
            f'{path} bir Fashion-MNIST dosyası değil: IDX başlığı beklenmedik (magic '
            f'{magic:#x}, boyutlar {dims}). Doğru dosyayı koyun ya da silip yeniden indirin.',
            f'{path} is not a Fashion-MNIST file: unexpected IDX header (magic {magic:#x}, '
            f'dims {dims}). Put the right file there, or delete it and download it again.'))
    size = 1
    for d in dims:
        size *= d
    if len(raw) != header + size:
        raise DataError(_corrupt(path, f'{size} veri baytından {len(raw) - header} tanesi',
                                 f'{len(raw) - header} of {size} data bytes'))
    return torch.frombuffer(bytearray(raw), dtype=torch.uint8,
                            offset=header).reshape(dims)


def read_split(split, root=None):
    """Return the ``split`` ('train' or 'test') as uint8 images (N, 28, 28) and int64 labels.

    A quarter of the memory of the float32 images that ``load_data_fashion_mnist``
    batches: enough for a look at a few images.
    """
    folder = find_fashion_mnist(root)
    images_name, labels_name, n = FILES[split]
    images = _read_idx(find_file(folder, images_name), 0x803, (28, 28))
    labels = _read_idx(find_file(folder, labels_name), 0x801, ())
    if len(images) != n or len(labels) != n:
        raise DataError(bilingual(
            f'{folder}: {split} bölümünde {n} örnek bekleniyordu, {len(images)} imge ve '
            f'{len(labels)} etiket var. Dört dosyayı silip yeniden indirin.',
            f'{folder}: expected {n} {split} examples, found {len(images)} images and '
            f'{len(labels)} labels. Delete the four files and download them again.'))
    if int(labels.max()) > 9:
        raise DataError(bilingual(
            f'{folder}: etiketler 0-9 dışında. Dört dosyayı silip yeniden indirin.',
            f'{folder}: labels outside 0-9. Delete the four files and download them again.'))
    return images, labels.long()


@functools.lru_cache(maxsize=4)
def _float_split(folder, split):
    """The split as float32 (N, 1, 28, 28) images in [0, 1] and labels, read once per folder."""
    images, labels = read_split(split, folder)
    return images.unsqueeze(1).float().div_(255), labels


def _download(folder):
    """Download with torchvision; return the folder, or an error message."""
    try:
        from torchvision.datasets import FashionMNIST
        for train in (True, False):
            FashionMNIST(root=str(folder), train=train, download=True)
    except Exception as err:  # no network, no torchvision, a full disk, ...
        return f'{type(err).__name__}: {err}'
    return None


def find_fashion_mnist(root=None):
    """Return the first folder that holds all four Fashion-MNIST files."""
    explicit = [Path(p).expanduser() for p in (root, os.environ.get('D2LMINI_DATA_DIR'))
                if p]
    for folder in explicit:
        if _has_all_files(folder):
            return folder
        warnings.warn(bilingual(
            f'Fashion-MNIST {folder} klasöründe yok; sıradaki kaynak deneniyor.',
            f'Fashion-MNIST not found in {folder}; trying the next source.'))
    for folder in (DEBIAN_DIR, CACHE_DIR):
        if _has_all_files(folder):
            return folder
    failure = _download(CACHE_DIR)
    if failure is None and _has_all_files(CACHE_DIR):
        return CACHE_DIR
    tried = ''.join(f'\n  - {p}' for p in explicit + [DEBIAN_DIR, CACHE_DIR])
    raise DataError(bilingual(
        'Fashion-MNIST bulunamadı. Birini yapıp yeniden deneyin: (1) Debian/Ubuntu\'da '
        'çevrimdışı `sudo apt install dataset-fashion-mnist`; (2) dört .gz dosyasını bir '
        'klasöre koyup D2LMINI_DATA_DIR=<klasör> verin; (3) internete bağlanın.',
        'Fashion-MNIST not found. Do one of these and retry: (1) on Debian/Ubuntu, offline, '
        '`sudo apt install dataset-fashion-mnist`; (2) put the four .gz files in a folder and '
        'set D2LMINI_DATA_DIR=<folder>; (3) connect to the internet.',
        f'Denenen / tried:{tried}\n  - torchvision: {failure}'))


def load_data_fashion_mnist(batch_size, resize=None, root=None):
    """Return ``(train_iter, test_iter)`` over Fashion-MNIST.

    Batches are ``X`` float32 (B, 1, 28, 28) in [0, 1] (or ``resize``-d: a
    side length or ``(height, width)``) and ``y`` int64. The training iterator
    reshuffles every epoch. Batches are copies: changing one in place never
    changes what a later call returns.
    """
    batch_size = int_at_least(batch_size, 1, 'batch_size', 256)
    transform = resize_images(resize) if resize is not None else None
    folder = find_fashion_mnist(root)
    return tuple(TensorBatches(_float_split(folder, split), batch_size,
                               shuffle=(split == 'train'), transform=transform)
                 for split in ('train', 'test'))
