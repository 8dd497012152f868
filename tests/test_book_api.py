"""The book's chapters call d2l in particular ways; a plain script using those calls must run.

The script below is written for this test (not taken from the book); it makes
the same calls, with the same argument conventions, as the book's PyTorch
code for dropout, style transfer and the toy GAN, at tiny sizes.
"""
import os
import subprocess
import sys
import textwrap

import pytest

from helpers import ROOT


SCRIPT = textwrap.dedent('''
    import torch
    from torch import nn
    import d2lmini as d2l

    # dropout chapter: Fashion-MNIST iterators + train_ch3 with an optimizer
    X = torch.rand(64, 1, 28, 28)
    y = torch.randint(0, 10, (64,))
    train_iter = d2l.load_array((X, y), 16)
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, 10))
    trainer = torch.optim.SGD(net.parameters(), lr=0.1)
    d2l.train_ch3(net, train_iter, train_iter, nn.CrossEntropyLoss(reduction='none'), 1, trainer)

    # style transfer chapter: images, the device, a two-column Animator with an image
    d2l.set_figsize()
    content_img = d2l.Image.open('img/rainier.jpg')
    d2l.plt.imshow(content_img)
    device = d2l.try_gpu()
    features = d2l.pretrained_vgg19().features
    assert len(features) == 37
    animator = d2l.Animator(xlabel='epoch', ylabel='loss', xlim=[10, 20],
                            legend=['content', 'style', 'TV'], ncols=2, figsize=(7, 2.5))
    animator.axes[1].imshow(content_img.resize((45, 30)))
    animator.add(10, [float(torch.tensor(1.0)), 2.0, 3.0])

    # GAN chapter: tensor shorthands, scatter, load_array of one tensor, two-row Animator
    Xg = d2l.normal(0.0, 1, (1000, 2))
    A = d2l.tensor([[1, 2], [-0.1, 0.5]])
    b = d2l.tensor([1, 2])
    data = d2l.matmul(Xg, A) + b
    d2l.plt.scatter(d2l.numpy(data[:100, (0)]), d2l.numpy(data[:100, (1)]))
    data_iter = d2l.load_array((data,), 8)
    metric, timer = d2l.Accumulator(3), d2l.Timer()
    for (Xb,) in data_iter:
        metric.add(1.0, 0.5, Xb.shape[0])
    animator = d2l.Animator(xlabel='epoch', ylabel='loss', xlim=[1, 20], nrows=2,
                            figsize=(5, 5), legend=['discriminator', 'generator'])
    animator.fig.subplots_adjust(hspace=0.3)
    animator.axes[1].cla()
    animator.axes[1].scatter(data[:100, 0], data[:100, 1])
    animator.axes[1].legend(['real', 'generated'])
    animator.add(1, (metric[0] / metric[2], metric[1] / metric[2]))
    print(f'{metric[2] / timer.stop():.1f} examples/sec', device)
''')


@pytest.mark.slow
def test_book_style_calls_run_as_a_plain_script():
    env = dict(os.environ, MPLBACKEND='Agg')
    out = subprocess.run([sys.executable, '-c', SCRIPT], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert 'examples/sec' in out.stdout and 'test doğruluğu' in out.stdout
