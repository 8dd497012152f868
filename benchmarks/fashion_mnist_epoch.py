"""One epoch of the dropout MLP: d2lmini's in-memory batches vs the book's DataLoader.

Both paths train the same 784-256-256-10 MLP (batch 256, SGD lr 0.5) for one
epoch and then evaluate it on the test set. The book-style path reads the same
files through ``torchvision.datasets.FashionMNIST`` + ``ToTensor`` +
``DataLoader(num_workers=4)``. Run: ``python benchmarks/fashion_mnist_epoch.py``.
"""
import gzip
import shutil
import tempfile
import warnings
from pathlib import Path

import torch
import torchvision
from torch import nn
from torch.utils.data import DataLoader
from torchvision import transforms

import d2lmini as d2l
from d2lmini import fashion_mnist

BATCH_SIZE, EPOCHS = 256, 2
# the book's num_workers=4 on a 2-core machine is what we compare against
warnings.filterwarnings('ignore', message='This DataLoader will create')


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.2),
                         nn.Linear(256, 256), nn.ReLU(), nn.Dropout(0.5), nn.Linear(256, 10))


def seconds_per_epoch(train_iter, test_iter):
    """Train for EPOCHS epochs and return the fastest epoch (training + test)."""
    torch.manual_seed(0)
    net = mlp()
    loss = nn.CrossEntropyLoss(reduction='none')
    updater = torch.optim.SGD(net.parameters(), lr=0.5)
    timer = d2l.Timer()
    for _ in range(EPOCHS):
        timer.start()
        d2l.train_epoch_ch3(net, train_iter, loss, updater)
        test_acc = d2l.evaluate_accuracy(net, test_iter)
        timer.stop()
    return min(timer.times), test_acc


def book_style_iters(folder):
    """The book's loaders over a decompressed copy of the same files."""
    raw = folder / 'FashionMNIST' / 'raw'
    raw.mkdir(parents=True)
    source = fashion_mnist.find_fashion_mnist()
    for images, labels, _ in fashion_mnist.FILES.values():
        for name in (images, labels):
            with fashion_mnist.find_file(source, name).open('rb') as f:
                opened = gzip.open(f) if f.name.endswith('.gz') else f
                with open(raw / name, 'wb') as out:
                    shutil.copyfileobj(opened, out)
    sets = [torchvision.datasets.FashionMNIST(root=folder, train=train,
                                              transform=transforms.ToTensor())
            for train in (True, False)]
    return (DataLoader(sets[0], BATCH_SIZE, shuffle=True, num_workers=4),
            DataLoader(sets[1], BATCH_SIZE, shuffle=False, num_workers=4))


def main():
    print(f'torch {torch.__version__}, {torch.get_num_threads()} threads, '
          f'best of {EPOCHS} epochs (train + test)')
    ours, ours_acc = seconds_per_epoch(*d2l.load_data_fashion_mnist(BATCH_SIZE))
    with tempfile.TemporaryDirectory() as tmp:
        book, book_acc = seconds_per_epoch(*book_style_iters(Path(tmp)))
    print(f'book-style DataLoader : {book:6.2f} s/epoch (test acc {book_acc:.3f})')
    print(f'd2lmini in-memory     : {ours:6.2f} s/epoch (test acc {ours_acc:.3f})')
    print(f'speed-up              : {book / ours:6.1f}x')


if __name__ == '__main__':
    main()
