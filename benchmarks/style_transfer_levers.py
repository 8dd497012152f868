"""Evaluations to the book's loss for each lever of the fast style-transfer method on its own.

Same problem, target and stopping rule as ``style_transfer.py`` (300 x 450, the book's loss at
step 500 from the recorded run, reached = within 0.1%); every variant is strong-Wolfe L-BFGS
(the chapter's ``optimize_image``) on the frozen VGG and differs only in where it
starts and how the image is parametrised. Evaluation counts do not depend on the machine
(up to rounding), so this runs best on a GPU, in seconds; on the course CPU it takes ~20 min.

Run: ``python benchmarks/style_transfer_levers.py``.
"""
import json
import time

import torch

from d2lmini.chapters.style_transfer import SynthesizedImage, optimize_image
from d2lmini.devices import try_gpu
from d2lmini.fast_transfer import LAST_LAYER, PyramidImage, match_colors, targets
from d2lmini.vgg import pretrained_vgg19
from style_transfer import (MAX_EVALS, RECORD, RTOL, TargetReached, evals_to, problem,
                            synchronize)


def synthesized(X):
    """The chapter's one-parameter image, started at ``X``."""
    gen_img = SynthesizedImage(X.shape).to(X.device)
    with torch.no_grad():
        gen_img.weight.copy_(X)
    return gen_img


VARIANTS = {
    'plain: pixels, from the content image': lambda c, s: synthesized(c),
    'colour-matched start, pixels': lambda c, s: synthesized(match_colors(c, s)),
    'PyramidImage (4 levels), from the content': lambda c, s: PyramidImage(c),
    'both (fast_style_transfer)': lambda c, s: PyramidImage(match_colors(c, s)),
    'both, 2 levels': lambda c, s: PyramidImage(match_colors(c, s), levels=2),
    'both, 3 levels': lambda c, s: PyramidImage(match_colors(c, s), levels=3),
    'both, 5 levels': lambda c, s: PyramidImage(match_colors(c, s), levels=5),
    'both, 6 levels': lambda c, s: PyramidImage(match_colors(c, s), levels=6),
}


def main():
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    device = try_gpu()
    target = json.loads(RECORD.read_text())['losses'][-1]
    net = pretrained_vgg19().features[:LAST_LAYER + 1].to(device)
    content_X, _, style_X, _ = problem(net, device)
    contents_Y, styles_Y_gram = targets(net, content_X, style_X)
    print(f'torch {torch.__version__}, {device}; target {target:.4f}')
    print(f'{"variant":44} {"evals":>6} {"fewer":>7} {"s/eval":>7}')
    plain = None
    for label, make in VARIANTS.items():
        losses = []

        def stop_at_target(X, history):
            losses.append(history[-1][3])
            if losses[-1] <= target * (1 + RTOL):
                raise TargetReached

        synchronize(device)
        start = time.perf_counter()
        try:
            optimize_image(net, make(content_X, style_X), contents_Y, styles_Y_gram, MAX_EVALS,
                           callback=stop_at_target)
        except TargetReached:
            pass
        synchronize(device)
        seconds = (time.perf_counter() - start) / len(losses)
        n = evals_to(losses, target)
        plain = plain or n
        shown = f'{n:6d} {plain / n:6.2f}x' if n else f'{"-":>6} {"":>7}'
        print(f'{label:44} {shown} {seconds:7.3f}', flush=True)


if __name__ == '__main__':
    main()
