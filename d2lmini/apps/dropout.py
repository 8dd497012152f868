"""Chapter 01's demo: one Fashion-MNIST image seen through dropout, sliders for p and copies."""
import html
import io
from numbers import Real

import ipywidgets as widgets
import torch
from IPython import display
from matplotlib.figure import Figure

from ..chapters.dropout import dropout_layer
from ..errors import bilingual, int_at_least, int_between, number_between, turkish
from ..fashion_mnist import get_fashion_mnist_labels, read_split
from .app import App

__all__ = ['dropout_demo', 'show_dropout']

P_MAX, COPIES_MAX = 0.95, 1000  # the sliders' ends
STYLE = ('<style>.d2l-dropout .widget-label, .d2l-dropout .widget-readout '
         '{font-size: 20px !important; line-height: 28px; height: 28px}</style>')


def first_test_image():
    """Return the first Fashion-MNIST test image (28, 28) and its Turkish class name.

    Only the test images are read, as uint8 (8 MB), not the float32 data set (220 MB).
    """
    images, labels = read_split('test')
    return images[0].float() / 255, get_fashion_mnist_labels(labels[:1])[0]


def _check(p, copies):
    if isinstance(p, bool) or not isinstance(p, Real) or not 0 <= p < 1:
        raise ValueError(bilingual(
            f'p, 0 ile 1 arasında olmalı (1 hariç); {p!r} verildi. Örneğin p=0.5 deneyin.',
            f'p must lie from 0 to 1 (1 excluded), got {p!r}. Try, for example, p=0.5.'))
    int_at_least(copies, 1, 'copies', 100)


def _grayscale(image):
    """``image`` as (H, W): one (1, H, W) image of a batch loses its channel axis."""
    if torch.is_tensor(image) and image.ndim == 3 and image.shape[0] == 1:
        return image[0]
    if not (torch.is_tensor(image) and image.ndim == 2):
        shape = tuple(image.shape) if torch.is_tensor(image) else type(image).__name__
        raise ValueError(bilingual(
            f'image (yükseklik, genişlik) ya da (1, yükseklik, genişlik) şeklinde gri bir '
            f'imge gereyi olmalı, {shape} verildi. Bir minigruptan tek imge için X[0] verin.',
            f'image must be a grey image tensor of shape (height, width) or (1, height, width), '
            f'got {shape}. For one image of a minibatch, pass X[0].'))
    return image


def dropout_picture(image, p=0.5, copies=100, label=''):
    """Return (figure, lines): the image, one dropout copy and the mean of ``copies`` copies.

    The same seed is used for every call, so raising ``p`` only drops more pixels; the
    global random state is left untouched. ``lines`` are the Turkish numbers to print.
    """
    _check(p, copies)
    image = _grayscale(image)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(0)
        masked = dropout_layer(image.expand(int(copies), *image.shape), p)
    one, mean = masked[0], masked.mean(dim=0)
    vmax = float(masked.max().clamp(min=image.max()))
    fig = Figure(figsize=(12, 4))
    axes = fig.subplots(1, 3)
    panels = [(image, f'özgün\n{label}'.strip()), (one, f'tek kopya\n(×{1 / (1 - p):.2f})'),
              (mean, f'{int(copies)} kopyanın\nortalaması')]
    for ax, (img, title) in zip(axes, panels):
        shown = ax.imshow(img.cpu().numpy(), cmap='magma', vmin=0, vmax=vmax)
        ax.set_title(title, fontsize=18)
        ax.axis('off')
    fig.colorbar(shown, ax=axes, shrink=0.9).ax.tick_params(labelsize=14)
    kept = float((one != 0).sum() / (image != 0).sum())
    typical = float(image.max()) * (p / ((1 - p) * copies)) ** 0.5
    lines = [f'p = {p:.2f}: boş olmayan piksellerden hayatta kalan %{100 * kept:.0f} '
             f'(beklenen %{100 * (1 - p):.0f}).',
             f'Ortalama parlaklık: özgün {image.mean():.3f}, tek kopya {one.mean():.3f}, '
             f'{int(copies)} kopyanın ortalaması {mean.mean():.3f}.',
             f'Ortalama imge ile özgün imge arasındaki en büyük piksel farkı: '
             f'{(mean - image).abs().max():.3f}; en parlak pikselde beklenen tipik fark '
             f'{typical:.3f}.']
    return fig, lines


def show_dropout(image, p=0.5, copies=100, label=''):
    """Draw ``dropout_picture`` in the notebook and print its numbers."""
    fig, lines = dropout_picture(image, p, copies, label)
    display.display(fig)
    print('\n'.join(lines))


def _png(fig):
    buffer = io.BytesIO()
    fig.savefig(buffer, format='png', dpi=80, bbox_inches='tight')
    return buffer.getvalue()


def _html(lines, color='#222'):
    body = '<br>'.join(html.escape(line) for line in lines)
    return f'<div style="font-size: 20px; line-height: 1.5; color: {color}">{body}</div>'


def dropout_demo(p=0.5, copies=100, image=None, label=''):
    """Return the classroom app: sliders for ``p`` and the copies, the picture and its numbers.

    Without ``image`` it shows the first Fashion-MNIST test image. A ``p`` or ``copies``
    outside the sliders' ranges is refused; errors later (missing data, a bad image) are shown
    in Turkish inside the app.
    """
    p = number_between(p, 0, P_MAX, 'p', 0.5)
    copies = int_between(copies, 1, COPIES_MAX, 'copies', 100)
    p_slider = widgets.FloatSlider(value=p, min=0, max=P_MAX, step=0.05,
                                   description='düşme olasılığı p', readout_format='.2f',
                                   continuous_update=False,
                                   style={'description_width': '220px'},
                                   layout=widgets.Layout(width='640px', height='40px'))
    copies_slider = widgets.IntSlider(value=copies, min=1, max=COPIES_MAX,
                                      description='kopya sayısı', continuous_update=False,
                                      style={'description_width': '220px'},
                                      layout=widgets.Layout(width='640px', height='40px'))
    picture = widgets.Image(format='png', layout=widgets.Layout(max_width='100%'))
    numbers = widgets.HTML(_html(['Hazırlanıyor...']))
    app = App([widgets.HTML(STYLE), p_slider, copies_slider, picture, numbers],
              'Hattan düşürme gösterisi')
    app.add_class('d2l-dropout')
    try:
        if image is None:
            image, label = first_test_image()
    except Exception as err:  # no data set: say so in the app, in Turkish
        numbers.value = _html([f'Fashion-MNIST yüklenemedi: {turkish(err)}'], color='#b00020')
        return app

    def update(_=None):
        try:
            fig, lines = dropout_picture(image, p_slider.value, copies_slider.value, label)
            picture.value = _png(fig)
            numbers.value = _html(lines)
        except Exception as err:
            numbers.value = _html([f'Bir sorun çıktı: {turkish(err)}'], color='#b00020')

    p_slider.observe(update, names='value')
    copies_slider.observe(update, names='value')
    update()
    return app
