"""The style-transfer studio of chapter 02: pick or upload two images, press "Stili aktar".

``style_transfer_demo(content, style)`` returns one ipywidgets app. It shows the
two input images at once (the network is loaded only while a press runs), then
runs ``fast_style_transfer`` (L-BFGS on a multi-scale image) through the frozen
VGG-19, drawing the three loss curves (``d2l.Animator``) and the synthesized
image live, with a progress bar.
Bad uploads and other failures are reported in Turkish inside the app.
"""
import functools
import html
import io
import time
from pathlib import Path

import ipywidgets as widgets

from ..chapters.style_transfer import (content_weight, postprocess, preprocess, style_weight,
                                       tv_weight)
from ..devices import try_gpu
from ..errors import bilingual, int_at_least, int_between, turkish
from ..fast_transfer import LAST_LAYER, MIN_SIDE, fast_style_transfer
from ..images import load_image
from ..plotting import Animator
from ..vgg import pretrained_vgg19
from .app import App, return_freed_memory

__all__ = ['style_transfer_demo']

IMG = Path(__file__).parents[2] / 'img'  # the course repository's photos
SIZES = [(100, 150), (150, 225), (200, 300), (300, 450)]
STEPS_MIN, STEPS_MAX = 5, 500  # the step slider's ends
SUFFIXES = ('.jpg', '.jpeg', '.png')
THUMB_WIDTH = 300
RESULT_WIDTH = 450
CONTROL_WIDTH = '520px'  # with the two 300 px thumbnails one row fills a 1280 px projector page
CSS = """<style>
.d2l-studio, .d2l-studio .widget-label, .d2l-studio .widget-readout,
.d2l-studio button, .d2l-studio select, .d2l-studio .widget-html-content { font-size: 18px; }
.d2l-studio .widget-readout { min-width: 90px; max-width: none; }
.d2l-studio .d2l-title { font-size: 28px; font-weight: bold; }
.d2l-studio .d2l-error { color: #b00020; font-weight: bold; }
</style>"""


def _vgg(device):
    """The frozen VGG-19 cut after layer 28, loaded anew at each press.

    Loading takes about 0.3 s (in a kernel, 2026-12-07), 2% of a press at the default size;
    kept between presses, its 47 MB would stay in every open studio page's kernel.
    """
    return pretrained_vgg19().features[:LAST_LAYER + 1].to(device)


def _png(img, width=None):
    """PNG bytes of a PIL image, scaled to ``width`` pixels if given."""
    if width:
        img = img.resize((width, round(img.height * width / img.width)))
    buffer = io.BytesIO()
    img.save(buffer, format='PNG')
    return buffer.getvalue()


def _style_transfer(content, style, image_shape, num_steps, weights, device, callback):
    """Run the fast method on two PIL images; return the image and its loss history."""
    content_X, style_X = (preprocess(img, image_shape).to(device) for img in (content, style))
    return fast_style_transfer(_vgg(device), content_X, style_X, num_steps, weights, callback)


def _check_shape(image_shape):
    """``image_shape`` as a (height, width) pair of sides of at least ``MIN_SIDE`` pixels."""
    sides = tuple(image_shape) if isinstance(image_shape, (tuple, list)) else ()
    if len(sides) != 2:
        raise ValueError(bilingual(
            f'image_shape (yükseklik, genişlik) olmalı, {image_shape!r} verildi. Örneğin '
            'image_shape=(150, 225) yazın.',
            f'image_shape must be (height, width), got {image_shape!r}. Write, for example, '
            'image_shape=(150, 225).'))
    return tuple(int_at_least(side, MIN_SIDE, 'image_shape', (150, 225)) for side in sides)


class _ImagePicker:
    """A thumbnail, a choice among the folder's images and an upload button for one input."""

    def __init__(self, title, path, on_change):
        path = Path(path)
        folder = path.parent
        names = sorted({p.name for p in folder.iterdir() if p.suffix.lower() in SUFFIXES}
                       | {path.name})
        self.title, self.folder, self.on_change = title, folder, on_change
        self.image, self.error = None, ''
        self.thumb = widgets.Image(format='png', layout=widgets.Layout(width=f'{THUMB_WIDTH}px'))
        self.choice = widgets.Dropdown(options=names, value=path.name, description='dosya')
        self.upload = widgets.FileUpload(accept='image/*', description='kendi imgeni yükle',
                                         layout=widgets.Layout(width='auto'))
        self.choice.observe(lambda _: self.read(self.folder / self.choice.value), 'value')
        self.upload.observe(self._uploaded, 'value')
        self.box = widgets.VBox([widgets.HTML(f'<b>{title}</b>'), self.thumb, self.choice,
                                 self.upload])

    def read(self, source, name=None):
        """Load ``source`` (a path or uploaded bytes) and show it; a bad file leaves no image
        and an error, in Turkish, that names this input."""
        try:
            self.image, self.error = load_image(source, name=name), ''
            self.thumb.value = _png(self.image, THUMB_WIDTH)
        except (FileNotFoundError, ValueError) as err:
            self.image, self.thumb.value = None, b''
            self.error = f'{self.title}: {turkish(err)}'
        self.on_change()

    def _uploaded(self, change):
        if change['new']:
            file = change['new'][0]
            self.read(bytes(file['content']), name=file['name'])


def _check_folder(path):
    """Raise a bilingual FileNotFoundError unless the folder of ``path`` exists."""
    if not Path(path).parent.is_dir():
        raise FileNotFoundError(bilingual(
            f'İmge klasörü bulunamadı: {Path(path).parent}. Dersin deposundan çalıştırın ya da '
            "kendi imgelerinizi verin: d2l.style_transfer_demo(content='foto.jpg', "
            "style='tablo.jpg').",
            f'Image folder not found: {Path(path).parent}. Run from the course repository or '
            'pass your own images as content= and style=.'))


class _Controls:
    """The studio's settings (loss weights, size, steps), its button and what it reports."""

    def __init__(self, image_shape, num_steps):
        wide = {'style': {'description_width': '150px'}, 'layout': {'width': CONTROL_WIDTH}}
        self.sliders = [
            widgets.FloatLogSlider(value=content_weight, min=-2, max=2,
                                   description='içerik ağırlığı', **wide),
            widgets.FloatLogSlider(value=style_weight, min=1, max=5, description='stil ağırlığı',
                                   **wide),
            widgets.FloatLogSlider(value=tv_weight, min=-1, max=3, description='TV ağırlığı',
                                   **wide),
        ]
        sizes = sorted(set(SIZES) | {image_shape})
        self.size = widgets.Dropdown(options=[(f'{h} x {w} piksel', (h, w)) for h, w in sizes],
                                     value=image_shape, description='boyut', **wide)
        self.steps = widgets.IntSlider(value=num_steps, min=STEPS_MIN, max=STEPS_MAX, step=5,
                                       description='adım', **wide)
        self.button = widgets.Button(description='Stili aktar', button_style='primary',
                                     layout=widgets.Layout(width='250px', height='50px'))
        self.progress = widgets.IntProgress(value=0, min=0, max=num_steps,
                                            description='ilerleme', **wide)
        self.status = widgets.HTML('Ayarları seçip <b>Stili aktar</b> düğmesine basın.',
                                   layout={'width': CONTROL_WIDTH})
        self.error = widgets.HTML(layout={'width': CONTROL_WIDTH})  # long messages wrap
        self.error.add_class('d2l-error')
        self.box = widgets.VBox([*self.sliders, self.size, self.steps, self.button,
                                 self.progress, self.status, self.error],
                                layout=widgets.Layout(flex='0 0 auto'))

    def show_error(self, pickers, text=''):
        """Show every input's error and ``text`` (the last press's), one per line."""
        lines = [p.error for p in pickers if p.error] + ([text] if text else [])
        self.error.value = '<br>'.join(html.escape(line, quote=False) for line in lines)


def _run(pickers, controls, result, curves, device, _button=None):
    """Transfer the style with the chosen settings, drawing the losses and the image live."""
    c = controls
    content_img, style_img = (p.image for p in pickers)
    unreadable = [p.title for p in pickers if p.image is None]
    if unreadable:
        c.show_error(pickers, f'{" ve ".join(unreadable)} okunamadı: okunabilir bir imge seçin '
                     'ya da yükleyin.')
        return
    c.button.disabled = True
    c.show_error(pickers)
    c.progress.max, c.progress.value = c.steps.value, 0
    start = time.perf_counter()
    try:
        with curves:
            curves.clear_output()
            animator = Animator(xlabel='değerlendirme', ylabel='kayıp', yscale='log',
                                xlim=[1, c.steps.value], legend=['içerik', 'stil', 'TV'],
                                figsize=(6, 3.5))

            def callback(X, history):
                done, seconds = len(history), time.perf_counter() - start
                c.progress.value = min(done, c.steps.value)
                c.status.value = (f'{done}/{c.steps.value} değerlendirme · {seconds:.0f} s · '
                                  f'kalan ≈ {(c.steps.value - done) * seconds / done:.0f} s')
                animator.add(done, history[-1][:3])
                if done % 5 == 0:
                    result.value = _png(postprocess(X))

            try:
                X, history = _style_transfer(content_img, style_img, c.size.value, c.steps.value,
                                             [s.value for s in c.sliders], device, callback)
            except Exception as err:  # shown in the app, never as a traceback
                c.show_error(pickers, f'Stil aktarılamadı ({type(err).__name__}: '
                             f'{turkish(err)}). Ayarları ya da imgeleri değiştirip yeniden '
                             'deneyin.')
                return
            finally:
                c.button.disabled = False
            animator.flush()
        result.value = _png(postprocess(X))
        c.progress.value, seconds = c.progress.max, time.perf_counter() - start
        c.status.value = (f'Bitti: {len(history)} değerlendirme, {seconds:.0f} s, '
                          f'son kayıp {history[-1][3]:.1f}.')
    finally:
        return_freed_memory()


def _layout(pickers, controls, result, curves):
    """The app: a title, the inputs beside the controls, the result beside the loss curves."""
    title = widgets.HTML('<div class="d2l-title">Stil aktarma stüdyosu</div>' + CSS)
    # rows wrap where the page is narrower (a notebook beside JupyterLab's side panels)
    rows = [widgets.HBox(children, layout=widgets.Layout(flex_flow='row wrap',
                                                         align_items='flex-start'))
            for children in ([*(p.box for p in pickers), controls.box], [result, curves])]
    app = App([title, *rows], 'Stil aktarma stüdyosu')
    app.add_class('d2l-studio')
    return app


def style_transfer_demo(content=IMG / 'rainier.jpg', style=IMG / 'autumn-oak.jpg',
                        image_shape=(150, 225), num_steps=60, device=None):
    """Return the style-transfer studio for ``content`` and ``style`` (image paths).

    ``image_shape`` (height, width) and ``num_steps`` (loss evaluations)
    are the controls' starting values, refused outside the controls' ranges; ``device``
    defaults to ``try_gpu()``.
    """
    num_steps = int_between(num_steps, STEPS_MIN, STEPS_MAX, 'num_steps', 60)
    image_shape = _check_shape(image_shape)
    for path in (content, style):
        _check_folder(path)
    controls = _Controls(image_shape, num_steps)
    pickers = [_ImagePicker('İçerik imgesi', content, lambda: controls.show_error(pickers)),
               _ImagePicker('Stil imgesi', style, lambda: controls.show_error(pickers))]
    for picker, path in zip(pickers, (content, style)):
        picker.read(path)
    # a fixed size: neither shrunk by its row nor stretched to the curves' height
    result = widgets.Image(format='png', layout=widgets.Layout(width=f'{RESULT_WIDTH}px',
                                                               flex='0 0 auto'))
    if pickers[0].image is not None:  # the synthesized image starts as the content image
        result.value = _png(pickers[0].image, RESULT_WIDTH)
    curves = widgets.Output(layout=widgets.Layout(flex='1 1 0', min_width='520px'))  # the plot
    controls.button.on_click(functools.partial(_run, pickers, controls, result, curves,
                                               device or try_gpu()))
    return _layout(pickers, controls, result, curves)
