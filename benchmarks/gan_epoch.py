"""One epoch of chapter 03's toy GAN: one CPU thread, every CPU thread, and the GPU.

The chapter trains a 43-parameter GAN on minibatches of 8 points, on the CPU with one thread.
This script times one epoch (125 minibatches of the chapter's data, one step of each of its
networks per minibatch, with its own ``update_D`` and ``update_G``) in each setting and prints
the fastest and the median of ten epochs, after one warm-up epoch.
Run: ``python benchmarks/gan_epoch.py``.
"""
import os
import time

import torch
from torch import nn

from d2lmini.chapters.gan import (discriminator, generator, init_weights, true_samples, update_D,
                                  update_G)

EPOCHS = 10


def seconds_per_epoch(device):
    """Train the chapter's nets on ``device``; return the fastest and the median epoch's seconds."""
    data = true_samples().to(device)  # drawn on the CPU, as the chapter draws it
    with torch.device(device):  # the update functions' torch.ones/zeros land there too
        torch.manual_seed(0)
        net_D, net_G = discriminator(), generator()
        init_weights(net_D, net_G)
        loss = nn.BCEWithLogitsLoss(reduction='sum')
        trainer_D = torch.optim.Adam(net_D.parameters(), lr=0.05)
        trainer_G = torch.optim.Adam(net_G.parameters(), lr=0.005)
        times = []
        for _ in range(EPOCHS + 1):  # the first epoch warms up
            start = time.perf_counter()
            for X in data[torch.randperm(len(data), device=device)].split(8):
                Z = torch.normal(0, 1, size=(len(X), 2), device=device)
                update_D(X, Z, net_D, net_G, loss, trainer_D)
                update_G(Z, net_D, net_G, loss, trainer_G)
            if device == 'cuda':
                torch.cuda.synchronize()
            times.append(time.perf_counter() - start)
    times = sorted(times[1:])
    return times[0], times[len(times) // 2]


def main():
    """Print seconds per epoch for each setting this machine has."""
    cores = os.cpu_count()
    settings = [('CPU, 1 thread', 'cpu', 1), (f'CPU, {cores} threads', 'cpu', cores)]
    if torch.cuda.is_available():
        settings.append((torch.cuda.get_device_name(), 'cuda', 1))
    print(f'torch {torch.__version__}; seconds per epoch, fastest / median of {EPOCHS}')
    for name, device, threads in settings:
        torch.set_num_threads(threads)
        fastest, median = seconds_per_epoch(device)
        print(f'{name:>30}: {fastest:.3f} / {median:.3f}')


if __name__ == '__main__':
    main()
