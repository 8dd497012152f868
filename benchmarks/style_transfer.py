"""Neural style transfer: the book's training loop vs the loops of notebook 2.

All loops optimise the same image (initialised to the content photo) for the same
loss (content weight 1, style 1e3 counted 10 times, TV 10) through layers 0-28 of
``d2l.pretrained_vgg19()``, at one size:

* ``book``: the VGG weights require gradients, as in the book (torchvision's model is
  not frozen there), Adam lr 0.3, StepLR(50, 0.8), 500 iterations;
* ``notebook GPU``: the same schedule on the frozen VGG (what the notebook runs with
  a GPU);
* ``notebook CPU``: the frozen VGG with the notebook's CPU schedule (200 iterations,
  StepLR(20, 0.8));
* ``demo L-BFGS``: strong-Wolfe L-BFGS on the frozen VGG (the classroom demo),
  stopped as soon as it reaches the target.

The target is the loss the book's loop reaches at its 500th iteration. For each loop
the script prints seconds per loss evaluation (one forward and one backward pass;
an Adam iteration is one evaluation), the evaluations and seconds it needs to first
reach the target, and both as ratios against the book. Losses stay on the device
during a loop and the clock stops after a final synchronisation, so GPU timings hold.

Run: ``python benchmarks/style_transfer.py [--device cuda] [--size 300 450]``.
"""
import argparse
import time
from pathlib import Path

import torch
from torchvision.transforms import functional as TF

from d2lmini.images import load_image
from d2lmini.vgg import RGB_MEAN, RGB_STD, pretrained_vgg19

IMG = Path(__file__).parents[1] / 'img'
STYLE_LAYERS, CONTENT_LAYERS = [0, 5, 10, 19, 28], [25]
WEIGHTS = 1, 1e3, 10
RTOL = 1e-3  # 'reached' = within 0.1% of the target: GPU sums are not bitwise stable


def preprocess(path, size, device):
    X = TF.to_tensor(TF.resize(load_image(path), list(size)))
    return TF.normalize(X, RGB_MEAN, RGB_STD).unsqueeze(0).to(device)


def gram(Y):
    F = Y.reshape(Y.shape[1], -1)
    return F @ F.T / Y.numel()


class Problem:
    """The loss of one content/style pair at one size, through a given VGG."""

    def __init__(self, net, size, device):
        self.net = net
        self.content_X = preprocess(IMG / 'rainier.jpg', size, device)
        with torch.no_grad():
            self.contents_Y, _ = self.features(self.content_X)
            _, styles_Y = self.features(preprocess(IMG / 'autumn-oak.jpg', size, device))
            self.grams_Y = [gram(Y) for Y in styles_Y]

    def features(self, X):
        contents, styles = [], []
        for i, layer in enumerate(self.net):
            X = layer(X)
            if i in STYLE_LAYERS:
                styles.append(X)
            if i in CONTENT_LAYERS:
                contents.append(X)
        return contents, styles

    def loss(self, X):
        contents, styles = self.features(X)
        content = sum(torch.square(Y_hat - Y).mean() for Y_hat, Y in zip(contents, self.contents_Y))
        style = sum(torch.square(gram(Y_hat) - G).mean() for Y_hat, G in zip(styles, self.grams_Y))
        tv = 0.5 * ((X[:, :, 1:, :] - X[:, :, :-1, :]).abs().mean()
                    + (X[:, :, :, 1:] - X[:, :, :, :-1]).abs().mean())
        w_content, w_style, w_tv = WEIGHTS
        return w_content * content + 10 * w_style * style + w_tv * tv


def synchronize(device):
    if device.type == 'cuda':
        torch.cuda.synchronize(device)


def warm_up(problem, device, n=3):
    X = problem.content_X.clone().requires_grad_(True)
    for _ in range(n):
        problem.loss(X).backward()
    synchronize(device)


def run_adam(problem, device, num_epochs, lr_decay_epoch, lr=0.3):
    """Return (seconds per evaluation, loss after each evaluation)."""
    warm_up(problem, device)
    X = problem.content_X.clone().requires_grad_(True)
    trainer = torch.optim.Adam([X], lr=lr)
    scheduler = torch.optim.lr_scheduler.StepLR(trainer, lr_decay_epoch, 0.8)
    losses = []
    start = time.perf_counter()
    for _ in range(num_epochs):
        trainer.zero_grad()
        l = problem.loss(X)
        l.backward()
        trainer.step()
        scheduler.step()
        losses.append(l.detach())
    synchronize(device)
    seconds = time.perf_counter() - start
    return seconds / num_epochs, torch.stack(losses).tolist()


class TargetReached(Exception):
    """Raised inside the L-BFGS closure to stop as soon as the target is reached."""


def run_lbfgs(problem, device, max_evals, target):
    """Return (seconds per evaluation, loss after each evaluation)."""
    warm_up(problem, device)
    X = problem.content_X.clone().requires_grad_(True)
    trainer = torch.optim.LBFGS([X], max_iter=max_evals, max_eval=max_evals,
                                line_search_fn='strong_wolfe')
    losses = []

    def closure():
        trainer.zero_grad()
        l = problem.loss(X)
        l.backward()
        losses.append(l.detach())
        if l.item() <= target * (1 + RTOL):  # L-BFGS reads the loss on the host anyway
            raise TargetReached
        return l

    start = time.perf_counter()
    try:
        trainer.step(closure)
    except TargetReached:
        pass
    synchronize(device)
    seconds = time.perf_counter() - start
    return seconds / len(losses), torch.stack(losses).tolist()


def evals_to(losses, target):
    return next((i + 1 for i, l in enumerate(losses) if l <= target * (1 + RTOL)), None)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--device', default='cpu')
    parser.add_argument('--size', type=int, nargs=2, metavar=('H', 'W'),
                        help='image height and width (default: 100 150 on CPU, 300 450 on a GPU)')
    parser.add_argument('--lbfgs-evals', type=int, default=500, help='cap on L-BFGS evaluations')
    args = parser.parse_args()
    device = torch.device(args.device)
    size = tuple(args.size or ((100, 150) if device.type == 'cpu' else (300, 450)))
    name = torch.cuda.get_device_name(device) if device.type == 'cuda' else f'{torch.get_num_threads()} threads'
    print(f'torch {torch.__version__}, {device} ({name}), image {size[0]} x {size[1]}')

    frozen = pretrained_vgg19().features[:29].to(device)
    unfrozen = pretrained_vgg19().features[:29].to(device).requires_grad_(True)
    book_problem, problem = Problem(unfrozen, size, device), Problem(frozen, size, device)
    runs = {'book (Adam, VGG not frozen)': run_adam(book_problem, device, 500, 50)}
    target = runs['book (Adam, VGG not frozen)'][1][-1]
    runs['notebook GPU (Adam, frozen)'] = run_adam(problem, device, 500, 50)
    runs['notebook CPU (Adam 200, decay 20)'] = run_adam(problem, device, 200, 20)
    runs['demo (L-BFGS, frozen)'] = run_lbfgs(problem, device, args.lbfgs_evals, target)

    book_step = runs['book (Adam, VGG not frozen)'][0]
    book_time = evals_to(runs['book (Adam, VGG not frozen)'][1], target) * book_step
    print(f"target: the book's loss after 500 iterations = {target:.2f}")
    print(f'{"loop":34} {"s/eval":>8} {"speed-up":>8} {"evals":>6} {"to target":>10} {"speed-up":>8} '
          f'{"final loss":>10}')
    for label, (step, losses) in runs.items():
        n = evals_to(losses, target)
        reached = (f'{n:6d} {n * step:9.2f}s {book_time / (n * step):7.1f}x' if n else
                   f'{"-":>6} {"not reached":>10} {"":>8}')
        print(f'{label:34} {step:8.4f} {book_step / step:7.1f}x {reached} {losses[-1]:10.2f}')


if __name__ == '__main__':
    main()
