"""Where one style-transfer loss evaluation spends its time; what each per-evaluation lever saves.

One evaluation = the forward pass of the image through VGG-19 up to layer 28,
chapter 02's loss and the backward pass to the image. The script prints

1. the top operators of three evaluations (``torch.profiler``);
2. per layer of ``pretrained_vgg19().features`` (all 37, to show what cutting
   after layer 28 saves): forward and backward-to-the-input milliseconds (the
   latter as forward-and-backward minus forward), and for the style layers the
   Gram matrix with its loss, forward and backward together;
3. seconds per evaluation for each lever on its own: the book's unfrozen VGG,
   ``channels_last`` (input only, input and weights), the ``PyramidImage`` of
   ``d2lmini.fast_transfer``, one thread instead of all, oneDNN off and,
   with ``--compile``, ``torch.compile`` (its compile time printed apart).

Run on the machine to measure, alone (on the course machine under the heavy-job lock):
``flock /tmp/heavy.lock python benchmarks/style_transfer_profile.py [--compile]``.
"""
import argparse
import time
from pathlib import Path

import torch
from torch.profiler import ProfilerActivity, profile

from d2lmini.chapters.style_transfer import (compute_loss, content_layers, extract_features, gram,
                                             preprocess, style_layers)
from d2lmini.fast_transfer import LAST_LAYER, PyramidImage
from d2lmini.images import load_image
from d2lmini.vgg import pretrained_vgg19

IMG = Path(__file__).parents[1] / 'img'


def timed(fn, reps=3):
    """Median seconds of ``reps`` calls of ``fn`` after one warm-up call."""
    fn()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]


def per_layer(features, X, style_grams):
    """Print forward/backward milliseconds of every layer (and of the Gram loss at style layers)."""
    print(f'\n{"layer":>5} {"module":12} {"output":>18} {"fwd ms":>8} {"bwd ms":>8} {"gram ms":>8}')
    totals = [0.0, 0.0, 0.0]
    for i, layer in enumerate(features):
        A = X.detach().requires_grad_(True)
        Y = layer(A.clone())
        grad = torch.randn_like(Y)
        fwd = timed(lambda: layer(A.clone()))
        bwd = timed(lambda: torch.autograd.grad(layer(A.clone()), A, grad)) - fwd
        gram_ms = 0.0
        if i in style_layers:
            Yg = Y.detach().requires_grad_(True)
            G = style_grams[style_layers.index(i)]
            gram_ms = 1e3 * timed(lambda: torch.autograd.grad(
                torch.square(gram(Yg) - G).mean(), Yg))
        X = Y.detach()
        row = [1e3 * fwd, 1e3 * bwd, gram_ms]
        if i <= max(style_layers + content_layers):
            totals = [t + r for t, r in zip(totals, row)]
        print(f'{i:5d} {type(layer).__name__:12} {str(tuple(Y.shape[1:])):>18} '
              f'{row[0]:8.1f} {row[1]:8.1f} {row[2]:8.1f}')
    print(f'{"sum of layers 0-28":36} {totals[0]:8.0f} {totals[1]:8.0f} {totals[2]:8.0f}'
          f'   (total {sum(totals) / 1e3:.2f} s)')


def seconds_per_eval(image, loss_of, n):
    """Mean seconds of ``n`` evaluations (forward, loss, backward) after two warm-up ones."""
    for _ in range(2):
        loss_of(image()).backward()
    start = time.perf_counter()
    for _ in range(n):
        loss_of(image()).backward()
    return (time.perf_counter() - start) / n


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--size', type=int, nargs=2, default=(300, 450), metavar=('H', 'W'))
    parser.add_argument('--evals', type=int, default=5, help='timed evaluations per lever')
    parser.add_argument('--compile', action='store_true', help='also time torch.compile')
    args = parser.parse_args()
    print(f'torch {torch.__version__}, cpu, {torch.get_num_threads()} threads, '
          f'image {args.size[0]} x {args.size[1]}')

    features = pretrained_vgg19().features
    net = features[:LAST_LAYER + 1]
    content_X = preprocess(load_image(IMG / 'rainier.jpg'), args.size)
    style_X = preprocess(load_image(IMG / 'autumn-oak.jpg'), args.size)
    with torch.no_grad():
        contents_Y, _ = extract_features(net, content_X, content_layers, style_layers)
        _, styles_Y = extract_features(net, style_X, content_layers, style_layers)
        grams = [gram(Y) for Y in styles_Y]

    def loss_with(model):
        def loss_of(X):
            contents, styles = extract_features(model, X, content_layers, style_layers)
            return compute_loss(X, contents, styles, contents_Y, grams)[3]
        return loss_of

    X = content_X.clone().requires_grad_(True)
    loss_of = loss_with(net)
    loss_of(X).backward()
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        for _ in range(3):
            loss_of(X).backward()
    print('\nTop operators over 3 evaluations (self CPU time):')
    print(prof.key_averages().table(sort_by='self_cpu_time_total', row_limit=12,
                                    max_name_column_width=40))

    per_layer(features, content_X, grams)

    channels_last = content_X.contiguous(memory_format=torch.channels_last).requires_grad_(True)
    net_cl = pretrained_vgg19().features[:LAST_LAYER + 1].to(memory_format=torch.channels_last)
    pyramid = PyramidImage(content_X)
    unfrozen = pretrained_vgg19().features[:LAST_LAYER + 1].requires_grad_(True)
    levers = {
        'baseline: frozen VGG, contiguous': (lambda: X, loss_of),
        "book: VGG not frozen (weights' gradients)": (lambda: X, loss_with(unfrozen)),
        'channels_last input': (lambda: channels_last, loss_of),
        'channels_last input and weights': (lambda: channels_last, loss_with(net_cl)),
        'PyramidImage (4 levels)': (pyramid, loss_of),
        'PyramidImage, channels_last input': (
            lambda: pyramid().contiguous(memory_format=torch.channels_last), loss_of),
    }
    print(f'\n{"lever (each on its own)":46} {"s/eval":>7} {"vs baseline":>11}')
    base = None
    for label, (image, fn) in levers.items():
        s = seconds_per_eval(image, fn, args.evals)
        base = base or s
        print(f'{label:46} {s:7.3f} {base / s:10.2f}x', flush=True)
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    s = seconds_per_eval(lambda: X, loss_of, 2)
    print(f'{"1 thread instead of " + str(threads):46} {s:7.3f} {base / s:10.2f}x', flush=True)
    torch.set_num_threads(threads)
    with torch.backends.mkldnn.flags(enabled=False):
        s = seconds_per_eval(lambda: X, loss_of, 2)
    print(f'{"oneDNN (mkldnn) off":46} {s:7.3f} {base / s:10.2f}x', flush=True)
    if args.compile:
        compiled = torch.compile(loss_of)
        start = time.perf_counter()
        compiled(X).backward()
        print(f'torch.compile: first call (compiling) {time.perf_counter() - start:.1f} s')
        s = seconds_per_eval(lambda: X, compiled, args.evals)
        print(f'{"torch.compile (default mode)":46} {s:7.3f} {base / s:10.2f}x')


if __name__ == '__main__':
    main()
