"""Chapter 01's demo: one Fashion-MNIST image seen through dropout, sliders for p and copies."""
import html
import io

import ipywidgets as widgets
import torch
from IPython import display
from matplotlib.figure import Figure

from ..chapters.dropout import dropout_layer
from .app import App
from ..fashion_mnist import get_fashion_mnist_labels, load_data_fashion_mnist

STYLE = ('<style>.d2l-dropout .widget-label, .d2l-dropout .widget-readout '
         '{font-size: 20px !important; line-height: 28px; height: 28px}</style>')


def first_test_image():
    """Return the first Fashion-MNIST test image (28, 28) and its Turkish class name."""
    _, test_iter = load_data_fashion_mnist(256)
    X, y = test_iter.tensors
    return X[0, 0], get_fashion_mnist_labels(y[:1])[0]


def _check(p, copies):
    if not 0 <= p < 1:
        raise ValueError(f'p, 0 ile 1 arasında olmalı (1 hariç); {p!r} verildi. '
                         'Örneğin 0.5 deneyin.')
    if int(copies) != copies or copies < 1:
        raise ValueError(f'Kopya sayısı pozitif bir tam sayı olmalı; {copies!r} verildi.')


def dropout_picture(image, p=0.5, copies=100, label=''):
    """Return (figure, lines): the image, one dropout copy and the mean of ``copies`` copies.

    The same seed is used for every call, so raising ``p`` only drops more pixels; the
    global random state is left untouched. ``lines`` are the Turkish numbers to print.
    """
    _check(p, copies)
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

    Without ``image`` it shows the first Fashion-MNIST test image. Errors (missing data, bad
    values) are shown in Turkish inside the app.
    """
    _check(p, copies)
    p_slider = widgets.FloatSlider(value=p, min=0, max=0.95, step=0.05,
                                   description='düşme olasılığı p', readout_format='.2f',
                                   continuous_update=False,
                                   style={'description_width': '220px'},
                                   layout=widgets.Layout(width='640px', height='40px'))
    copies_slider = widgets.IntSlider(value=copies, min=1, max=1000, description='kopya sayısı',
                                      continuous_update=False, style={'description_width': '220px'},
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
        numbers.value = _html([f'Fashion-MNIST yüklenemedi: {err}'], color='#b00020')
        return app

    def update(_=None):
        try:
            fig, lines = dropout_picture(image, p_slider.value, copies_slider.value, label)
            picture.value = _png(fig)
            numbers.value = _html(lines)
        except Exception as err:
            numbers.value = _html([f'Bir sorun çıktı: {err}'], color='#b00020')

    p_slider.observe(update, names='value')
    copies_slider.observe(update, names='value')
    update()
    return app
