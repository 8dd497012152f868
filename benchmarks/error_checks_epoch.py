"""Do the input checks slow a chapter-01 epoch? ``train_ch3``'s epoch, old code vs new, one run.

The old ``training.py`` and ``metrics.py`` are read from git (default ``main``; issue 31's
checks came after it) and loaded beside the new ones; both train chapter 01's dropout MLP
(batch 256, lr 0.5) for one epoch and evaluate it on the test set, interleaved, with the
chapter's ``torch.optim.SGD`` and with the book's scratch ``d2l.sgd``, the pairs' order taking
turns. Prints the median epoch time of each and the ratio new / old.
Run: ``OMP_NUM_THREADS=1 python benchmarks/error_checks_epoch.py [git-ref] [repeats]``.
"""
import importlib.util
import statistics
import subprocess
import sys
import time
from pathlib import Path

import torch
from torch import nn

import d2lmini as d2l
from d2lmini import metrics, training

ROOT = Path(__file__).parents[1]


def old_module(ref, name, replace=()):
    """``d2lmini/<name>.py`` as it was at ``ref``, loaded as ``d2lmini.old_<name>``."""
    source = subprocess.run(['git', 'show', f'{ref}:d2lmini/{name}.py'], cwd=ROOT, check=True,
                            capture_output=True, text=True).stdout
    for old, new in replace:
        source = source.replace(old, new)
    spec = importlib.util.spec_from_loader(f'd2lmini.old_{name}', loader=None)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    exec(compile(source, f'{ref}:d2lmini/{name}.py', 'exec'), module.__dict__)
    return module


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Dropout(0.2),
                         nn.Linear(256, 256), nn.ReLU(), nn.Dropout(0.5), nn.Linear(256, 10))


def epoch_seconds(code, scratch, train_iter, test_iter):
    """One epoch (training + test accuracy) with ``code``'s functions; its seconds."""
    train_epoch, evaluate, sgd = code
    torch.manual_seed(0)
    net = mlp()
    params = list(net.parameters())
    updater = ((lambda n: sgd(params, 0.5, n)) if scratch
               else torch.optim.SGD(params, lr=0.5))
    loss = nn.CrossEntropyLoss(reduction='none')
    start = time.perf_counter()
    train_epoch(net, train_iter, loss, updater)
    evaluate(net, test_iter)
    return time.perf_counter() - start


def main():
    ref = sys.argv[1] if len(sys.argv) > 1 else 'main'
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    old_metrics = old_module(ref, 'metrics', [('from .', 'from d2lmini.')])
    old_training = old_module(ref, 'training', [('from .metrics', 'from d2lmini.old_metrics'),
                                                ('from .', 'from d2lmini.')])
    codes = {'old': (old_training.train_epoch_ch3, old_metrics.evaluate_accuracy,
                     old_training.sgd),
             'new': (training.train_epoch_ch3, metrics.evaluate_accuracy, training.sgd)}
    data = d2l.load_data_fashion_mnist(256)
    print(f'torch {torch.__version__}, {torch.get_num_threads()} threads, old = {ref}, '
          f'{repeats} interleaved repeats; load before: {Path("/proc/loadavg").read_text()}')
    for scratch in (False, True):
        times = {name: [] for name in codes}
        for repeat in range(repeats):
            order = list(codes) if repeat % 2 == 0 else list(codes)[::-1]  # old first, then new
            for name in order:
                times[name].append(epoch_seconds(codes[name], scratch, *data))
        old, new = (statistics.median(times[name]) for name in ('old', 'new'))
        ratios = sorted(n / o for o, n in zip(times['old'], times['new']))
        print(f'{"d2l.sgd" if scratch else "torch.optim.SGD":16s}: old {old:.2f} s, '
              f'new {new:.2f} s, new / old {new / old:.3f} (per pair {ratios[0]:.3f} to '
              f'{ratios[-1]:.3f})')
    print(f'load after: {Path("/proc/loadavg").read_text()}')


if __name__ == '__main__':
    main()
