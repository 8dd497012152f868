"""The training loop of the book's chapter 3, reused by later chapters."""
import math

import torch

from .devices import device_of
from .errors import bilingual, int_at_least
from .metrics import Accumulator, accuracy, evaluate_accuracy
from .plotting import Animator
from .torch_errors import loss_error, net_error, no_batches


def sgd(params, lr, batch_size):
    """Minibatch stochastic gradient descent, in place.

    Refuses, as ``torch.optim.SGD`` does, a negative or non-finite ``lr``, and a
    parameter without a gradient (no ``backward()`` yet).
    """
    if not (lr >= 0 and math.isfinite(lr)):
        raise ValueError(bilingual(
            f'Öğrenme oranı lr sonlu ve negatif olmayan bir sayı olmalı, {lr!r} verildi '
            '(negatif lr kaybı artırır). Örneğin lr=0.1 yazın.',
            f'The learning rate lr must be a finite number >= 0, got {lr!r} (a negative lr '
            'raises the loss). Write, for example, lr=0.1.'))
    with torch.no_grad():
        for param in params:
            if param.grad is None:
                raise ValueError(bilingual(
                    'sgd: bir parametrenin gradyanı yok. Önce kaybın gradyanını hesaplayın: '
                    'l.sum().backward(); parametre requires_grad=True ile kurulmuş olmalı.',
                    'sgd: a parameter has no gradient. Compute the gradient of the loss first: '
                    'l.sum().backward(); the parameter must be made with requires_grad=True.'))
            param -= lr * param.grad / batch_size
            param.grad.zero_()


def train_epoch_ch3(net, train_iter, loss, updater):
    """Train one epoch on the device of ``net``; return (mean loss, accuracy).

    Stops with ``FloatingPointError`` at the first minibatch whose loss is
    nan or infinite, naming the settings to check.
    """
    if isinstance(net, torch.nn.Module):
        net.train()
    device = device_of(net)
    metric = Accumulator(3)  # summed loss, correct predictions, examples
    for batch, (X, y) in enumerate(train_iter, start=1):
        X, y = X.to(device), y.to(device)
        try:
            y_hat = net(X)
        except RuntimeError as err:
            raise net_error(err, X) or err
        try:
            l = loss(y_hat, y)
        except (RuntimeError, IndexError) as err:
            raise loss_error(err, y_hat, y) or err
        if isinstance(updater, torch.optim.Optimizer):
            updater.zero_grad()
            l.mean().backward()
            updater.step()
        else:
            l.sum().backward()
            updater(X.shape[0])
        n = y.numel()
        l = l.detach()
        summed = float(l.sum()) if l.ndim else float(l) * n
        if not math.isfinite(summed):
            raise FloatingPointError(bilingual(
                f'Kayıp {summed} oldu ({batch}. minigrupta); eğitim durduruldu. Öğrenme oranını '
                '(lr) denetleyin: sonlu bir sayı olmalı, çok büyükse küçültün. Sonra verinin '
                'nan ya da inf içermediğini ve ağın ilklemesini denetleyin. Ağırlıklar bozulmuş '
                'olabilir: ağı yeniden kurup öyle eğitin.',
                f'The loss became {summed} (minibatch {batch}); training stopped. Check the '
                'learning rate (lr): it must be a finite number; if it is large, lower it. Then '
                "check that the data hold no nan or inf, and the net's initialisation. The "
                'weights may be spoilt: make the net again before training it.'))
        metric.add(summed, accuracy(y_hat, y), n)
    if not metric[2]:
        raise no_batches('train_iter')
    return metric[0] / metric[2], metric[1] / metric[2]


def train_ch3(net, train_iter, test_iter, loss, num_epochs, updater):
    """Train ``net``, plotting loss and accuracies per epoch; return them.

    ``updater`` is a ``torch.optim.Optimizer`` or a function of the batch
    size (such as ``lambda n: sgd(params, lr, n)``). Returns
    ``(train_loss, train_acc, test_acc)`` of the last epoch.
    """
    num_epochs = int_at_least(num_epochs, 1, 'num_epochs', 10)
    animator = Animator(xlabel='dönem', xlim=[1, num_epochs], ylim=[0.0, 1.0],
                        legend=['eğitim kaybı', 'eğitim doğruluğu', 'test doğruluğu'])
    for epoch in range(num_epochs):
        train_loss, train_acc = train_epoch_ch3(net, train_iter, loss, updater)
        test_acc = evaluate_accuracy(net, test_iter)
        animator.add(epoch + 1, (train_loss, train_acc, test_acc))
    print(f'eğitim kaybı {train_loss:.3f}, eğitim doğruluğu {train_acc:.3f}, '
          f'test doğruluğu {test_acc:.3f}')
    return train_loss, train_acc, test_acc
