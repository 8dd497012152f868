"""Counting and timing: ``Accumulator``, ``Timer`` and accuracy helpers."""
import time

import numpy as np
import torch

from .devices import device_of
from .errors import bilingual


class Accumulator:
    """Keep running sums of ``n`` quantities."""

    def __init__(self, n):
        self.data = [0.0] * n

    def add(self, *args):
        """Add one value to each sum."""
        if len(args) != len(self.data):
            n = len(self.data)
            raise ValueError(bilingual(
                f'Accumulator({n}).add {n} değer bekliyor, {len(args)} verildi. Her toplam '
                f'için bir değer verin ya da Accumulator({len(args)}) kurun.',
                f'Accumulator({n}).add needs {n} values, got {len(args)}. Pass one value per '
                f'sum, or make an Accumulator({len(args)}).'))
        self.data = [a + float(b.detach() if torch.is_tensor(b) else b)
                     for a, b in zip(self.data, args)]

    def reset(self):
        """Set every sum back to zero."""
        self.data = [0.0] * len(self.data)

    def __getitem__(self, idx):
        return self.data[idx]


class Timer:
    """Record the duration of several runs."""

    def __init__(self):
        self.times = []
        self.start()

    def start(self):
        """Start (or restart) the clock."""
        self.tik = time.perf_counter()

    def stop(self):
        """Stop the clock, record the time and return it."""
        self.times.append(time.perf_counter() - self.tik)
        return self.times[-1]

    def avg(self):
        """Return the average recorded time."""
        return sum(self.times) / len(self.times)

    def sum(self):
        """Return the total recorded time."""
        return sum(self.times)

    def cumsum(self):
        """Return the running total of the recorded times."""
        return np.array(self.times).cumsum().tolist()


def accuracy(y_hat, y):
    """Return the number of correct predictions (a float).

    ``y_hat`` holds a row of class scores per example (or the predicted
    classes) and ``y`` one class index per example, shaped (B,) or (B, 1).
    """
    predicted = y_hat.argmax(dim=1) if y_hat.ndim > 1 and y_hat.shape[1] > 1 else y_hat
    if predicted.numel() != y.numel():
        shapes = f'y_hat {tuple(y_hat.shape)}, y {tuple(y.shape)}'
        raise ValueError(bilingual(
            f'accuracy: {predicted.numel()} tahmin var ama {y.numel()} etiket ({shapes}). '
            'y her örnek için bir sınıf numarası tutmalı, (B,) boyutunda; one-hot '
            'etiketler için y.argmax(dim=1) verin.',
            f'accuracy: {predicted.numel()} predictions but {y.numel()} labels ({shapes}). '
            'y must hold one class index per example, shaped (B,); for one-hot labels pass '
            'y.argmax(dim=1).'))
    return float((predicted.reshape(-1).type(y.dtype) == y.reshape(-1)).sum())


def evaluate_accuracy(net, data_iter):
    """Return the accuracy of ``net`` on ``data_iter``, in eval mode."""
    if isinstance(net, torch.nn.Module):
        net.eval()
    device = device_of(net)
    metric = Accumulator(2)  # correct predictions, predictions
    with torch.no_grad():
        for X, y in data_iter:
            X, y = X.to(device), y.to(device)
            metric.add(accuracy(net(X), y), y.numel())
    return metric[0] / metric[1]
