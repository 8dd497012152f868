"""Counting and timing: ``Accumulator``, ``Timer`` and accuracy helpers."""
import time

import numpy as np
import torch

from .devices import device_of
from .errors import bilingual, int_at_least
from .torch_errors import net_error, no_batches


class Accumulator:
    """Keep running sums of ``n`` quantities."""

    def __init__(self, n):
        self.data = [0.0] * int_at_least(n, 1, 'n', 3)

    def add(self, *args):
        """Add one value to each sum."""
        if len(args) != len(self.data):
            n = len(self.data)
            raise ValueError(bilingual(
                f'Accumulator({n}).add {n} değer bekliyor, {len(args)} verildi. Her toplam '
                f'için bir değer verin ya da Accumulator({len(args)}) kurun.',
                f'Accumulator({n}).add needs {n} values, got {len(args)}. Pass one value per '
                f'sum, or make an Accumulator({len(args)}).'))
        try:
            self.data = [a + float(b.detach() if torch.is_tensor(b) else b)
                         for a, b in zip(self.data, args)]
        except (TypeError, ValueError, RuntimeError) as err:
            shapes = [tuple(b.shape) if torch.is_tensor(b) else type(b).__name__ for b in args]
            raise ValueError(bilingual(
                f'Accumulator.add her toplam için tek bir sayı bekliyor, {shapes} verildi. '
                'Örnek başına bir kayıp veren bir gerey için toplamını verin: l.sum().',
                f'Accumulator.add needs one number per sum, got {shapes}. For a tensor that '
                'holds a loss per example, pass its sum: l.sum().')) from err

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
        if not self.times:
            raise ValueError(bilingual(
                'Timer.avg: henüz ölçülmüş bir süre yok. Ölçtüğünüz işten sonra timer.stop() '
                'çağırın, ortalamayı ondan sonra isteyin.',
                'Timer.avg: no time recorded yet. Call timer.stop() after the work you time, '
                'then ask for the average.'))
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
    One column of floating-point scores is refused: it is not a row of class
    scores (for a binary logit, pass ``(y_hat > 0).long()``).
    """
    if y_hat.ndim > 1 and y_hat.shape[1] == 1 and y_hat.is_floating_point():
        raise ValueError(bilingual(
            f'accuracy: y_hat {tuple(y_hat.shape)} şeklinde, her örnek için tek bir puan '
            'tutuyor; sınıf puanlarından oluşan bir satır değil. İkili bir logit ise tahmini '
            'siz verin: d2l.accuracy((y_hat > 0).long(), y).',
            f'accuracy: y_hat has shape {tuple(y_hat.shape)}, one score per example, not a '
            'row of class scores. For a binary logit, pass the prediction: '
            'd2l.accuracy((y_hat > 0).long(), y).'))
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
            try:
                y_hat = net(X)
            except RuntimeError as err:
                raise net_error(err, X) or err
            metric.add(accuracy(y_hat, y), y.numel())
    if not metric[1]:
        raise no_batches('data_iter')
    return metric[0] / metric[1]
