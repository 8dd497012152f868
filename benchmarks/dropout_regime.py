"""Search for a Fashion-MNIST regime where an MLP overfits and dropout visibly helps.

Each configuration trains the same MLP with and without dropout on a small training subset
(optionally with a fraction of the labels replaced by random ones) for several seeds, and prints
one row per seed: train accuracy (evaluation mode, on the labels the net was trained on), test
accuracy on a fixed test subset, and the gap. Run, for example:
``python benchmarks/dropout_regime.py --n-train 1000 --noise 0.2 --epochs 100``.
"""
import argparse
import time

import torch
from torch import nn

import d2lmini as d2l


def mlp(hidden, p_in, p_hidden):
    """784-hidden-hidden-10 MLP with dropout on the input and after each hidden layer."""
    return nn.Sequential(nn.Flatten(), nn.Dropout(p_in),
                         nn.Linear(784, hidden), nn.ReLU(), nn.Dropout(p_hidden),
                         nn.Linear(hidden, hidden), nn.ReLU(), nn.Dropout(p_hidden),
                         nn.Linear(hidden, 10))


def accuracy(net, X, y):
    net.eval()
    with torch.no_grad():
        return float((net(X).argmax(1) == y).float().mean())


def fit(net, X, y, args, X_test, y_test):
    """Train; return the (train, test) accuracies every ``args.eval_every`` epochs."""
    trainer = torch.optim.SGD(net.parameters(), lr=args.lr, momentum=args.momentum)
    loss = nn.CrossEntropyLoss()
    curve = []
    for epoch in range(1, args.epochs + 1):
        net.train()
        order = torch.randperm(len(X))
        for start in range(0, len(X), args.batch):
            idx = order[start:start + args.batch]
            trainer.zero_grad()
            loss(net(X[idx]), y[idx]).backward()
            trainer.step()
        if epoch % args.eval_every == 0:
            curve.append((accuracy(net, X, y), accuracy(net, X_test, y_test)))
    return curve


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--n-train', type=int, default=1000)
    parser.add_argument('--n-test', type=int, default=2000)
    parser.add_argument('--noise', type=float, default=0.0)
    parser.add_argument('--hidden', type=int, default=256)
    parser.add_argument('--p-in', type=float, default=0.2)
    parser.add_argument('--p-hidden', type=float, default=0.5)
    parser.add_argument('--epochs', type=int, default=100)
    parser.add_argument('--lr', type=float, default=0.1)
    parser.add_argument('--momentum', type=float, default=0.0)
    parser.add_argument('--batch', type=int, default=64)
    parser.add_argument('--seeds', type=int, default=3)
    parser.add_argument('--eval-every', type=int, default=10)
    args = parser.parse_args()
    train_iter, test_iter = d2l.load_data_fashion_mnist(256)
    X_all, y_all = train_iter.tensors
    X_test, y_test = (t[:args.n_test] for t in test_iter.tensors)
    print(vars(args))
    rows = {False: [], True: []}
    curves = {False: [], True: []}
    tic = time.perf_counter()
    for seed in range(args.seeds):
        g = torch.Generator().manual_seed(seed)
        idx = torch.randperm(len(X_all), generator=g)[:args.n_train]
        X, y = X_all[idx], y_all[idx].clone()
        noisy = torch.rand(len(y), generator=g) < args.noise
        y[noisy] = torch.randint(0, 10, (int(noisy.sum()),), generator=g)
        for use in (False, True):
            torch.manual_seed(seed)
            net = mlp(args.hidden, args.p_in if use else 0, args.p_hidden if use else 0)
            curves[use].append(fit(net, X, y, args, X_test, y_test))
            tr, te = curves[use][-1][-1]
            rows[use].append((tr, te))
            print(f'seed {seed} dropout {use!s:5}: train {tr:.3f} test {te:.3f} gap {tr - te:+.3f}')
    for i in range(len(curves[False][0])):
        means = [sum(c[i][k] for c in curves[use]) / args.seeds
                 for use in (False, True) for k in (0, 1)]
        print(f'epoch {(i + 1) * args.eval_every:4d}: without {means[0]:.3f}/{means[1]:.3f}'
              f'  with {means[2]:.3f}/{means[3]:.3f}')
    for use in (False, True):
        tr = sum(r[0] for r in rows[use]) / len(rows[use])
        te = sum(r[1] for r in rows[use]) / len(rows[use])
        print(f'MEAN dropout {use!s:5}: train {tr:.3f} test {te:.3f} gap {tr - te:+.3f}')
    print(f'{time.perf_counter() - tic:.1f} s')


if __name__ == '__main__':
    main()
