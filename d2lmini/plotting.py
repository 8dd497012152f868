"""Plotting helpers: figure defaults, image grids and the live ``Animator``."""
import io
import numbers
import sys
import time
import weakref

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
import numpy as np
import torch
from IPython import display
from IPython import get_ipython
from PIL import Image

from .errors import bilingual

_NON_INTERACTIVE = {'agg', 'pdf', 'ps', 'svg', 'cairo', 'template'}
FIRST_REDRAW_AFTER = 2.0  # seconds after the Animator is made: a shorter loop draws only its end
MIN_REDRAW_INTERVAL = 0.25  # seconds: at most four redraws a second
_UNDRAWN = weakref.WeakKeyDictionary()  # Animator -> request that added undrawn points


def _in_notebook():
    """True inside a Jupyter kernel (JupyterLab, VS Code, Colab, nbclient)."""
    return getattr(get_ipython(), 'kernel', None) is not None


def _current_output_widget():
    """The ipywidgets ``Output`` that captures what is displayed now, or None.

    That is inside ``with out:`` (``interact`` too). Front ends drop
    display-id updates sent into an Output widget (ipywidgets issue #1844),
    so there the figure is redrawn by clearing that widget.
    """
    widget_module = sys.modules.get('ipywidgets.widgets.widget')
    if widget_module is None:
        return None
    parent = _request_id()
    from ipywidgets import Output
    for widget in list(getattr(widget_module, '_instances', {}).values()):
        if isinstance(widget, Output) and widget.msg_id and widget.msg_id == parent:
            return widget
    return None


def _request_id():
    """Id of the message the kernel is handling: a cell's or a widget callback's."""
    get_parent = getattr(get_ipython(), 'get_parent', dict)
    return get_parent().get('header', {}).get('msg_id')


def use_svg_display():
    """Draw notebook figures as crisp SVG, and figures that show images as (far smaller) JPEG."""
    if _in_notebook():
        from matplotlib_inline.backend_inline import set_matplotlib_formats
        set_matplotlib_formats('svg')
        formatters = get_ipython().display_formatter.formatters
        svg, photo = formatters['image/svg+xml'], formatters['image/jpeg']
        as_svg = svg.lookup_by_type(Figure)
        svg.for_type(Figure, lambda fig: None if shows_images(fig) else as_svg(fig))
        photo.for_type(Figure, lambda fig: jpeg(fig) if shows_images(fig) else None)


def jpeg(fig):
    """``fig`` as JPEG bytes at 1.5 times its screen resolution, with the size to show it at.

    Sharp enough for the course's photos (at most a few hundred pixels wide in a figure), and a
    fraction of an SVG or PNG of the same picture.
    """
    from IPython.core.pylabtools import print_figure
    data = print_figure(fig, 'jpeg', dpi=1.5 * fig.dpi, pil_kwargs={'quality': 80})
    width, height = Image.open(io.BytesIO(data)).size
    return data, {'width': round(width / 1.5), 'height': round(height / 1.5)}


def shows_images(fig):
    """True if an axes of ``fig`` shows an image (``imshow``)."""
    return any(ax.images for ax in fig.axes)


def set_figsize(figsize=(3.5, 2.5)):
    """Set the default matplotlib figure size."""
    use_svg_display()
    plt.rcParams['figure.figsize'] = figsize


def set_axes(axes, xlabel, ylabel, xlim, ylim, xscale, yscale, legend):
    """Set labels, limits, scales and legend of one matplotlib axes."""
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    axes.set_xscale(xscale)
    axes.set_yscale(yscale)
    axes.set_xlim(xlim)
    axes.set_ylim(ylim)
    if legend:
        axes.legend(legend)
    axes.grid()


def _as_image(img):
    if torch.is_tensor(img):
        img = img.detach().cpu()
        if img.ndim == 3 and img.shape[0] in (1, 3):  # (C, H, W) -> (H, W, C)
            img = img.permute(1, 2, 0)
        img = img.squeeze(-1) if img.ndim == 3 and img.shape[-1] == 1 else img
        return img.numpy()
    return np.asarray(img)


def show_images(imgs, num_rows, num_cols, titles=None, scale=1.5):
    """Plot a grid of images (tensors, arrays or PIL images); return the axes."""
    imgs = list(imgs)[:num_rows * num_cols]
    if titles is not None and len(titles) < len(imgs):
        raise ValueError(bilingual(
            f'show_images: {len(imgs)} imge gösterilecek ama {len(titles)} başlık verildi. '
            'Her imge için bir başlık verin ya da titles=None bırakın.',
            f'show_images: {len(imgs)} images to show but {len(titles)} titles. Give one title '
            'per image, or leave titles=None.'))
    figsize = (num_cols * scale, num_rows * scale)
    _, axes = plt.subplots(num_rows, num_cols, figsize=figsize, squeeze=False)
    axes = axes.flatten()
    for i, (ax, img) in enumerate(zip(axes, imgs)):
        img = _as_image(img)
        ax.imshow(img, cmap='gray' if img.ndim == 2 else None)
        ax.axes.get_xaxis().set_visible(False)
        ax.axes.get_yaxis().set_visible(False)
        if titles:
            ax.set_title(titles[i])
    return axes


class Animator:
    """Plot data points as they arrive, redrawing ONE figure in place.

    In a notebook the figure is shown once with a display id and then updated
    through it, so JupyterLab, VS Code and Colab redraw it without flicker and
    an executed notebook keeps exactly one final figure. Inside an ipywidgets
    ``Output`` (``with out:`` where it is created or redrawn) it replaces that
    widget's content instead, and keeps drawing there. Outside a notebook it
    draws into a GUI window when there is one and is silent otherwise.

    Call ``add`` as often as you like: redraws are throttled by wall-clock
    time, so a fast training loop is not slowed down by its plot and the
    kernel does not flood the front end with figures. The first redraw comes
    2 s after the Animator is made (at once if the first point comes later),
    and each redraw waits at least nineteen times its own cost, and at least
    0.25 s, before the next: live redraws take at most 5% of the time, and the
    final picture fits in another 5% once a loop runs twenty times longer than
    one redraw (a few seconds).
    ``add`` only records a point while a redraw is not yet due. The last
    state is always shown:

    - a point at the right end of ``xlim`` (the last epoch) is drawn at once;
    - when a notebook cell finishes, the Animators to which it added undrawn
      points are redrawn (an IPython ``post_execute`` hook), into their
      ``Output`` widget if they were created in one;
    - code that runs outside a cell, such as a widget's button or slider
      callback (or a script), calls ``animator.flush()`` when its loop ends:
      it draws the undrawn points, if any. ``show()`` redraws unconditionally.

    ``next_redraw`` is the ``time.monotonic()`` from which a redraw is due:
    setting it to 0 before each ``add`` redraws at every point, as the
    book's Animator does (``benchmarks/live_plot_cost.py`` compares the two).
    """

    def __init__(self, xlabel=None, ylabel=None, legend=None, xlim=None,
                 ylim=None, xscale='linear', yscale='linear',
                 fmts=('-', 'm--', 'g-.', 'r:'), nrows=1, ncols=1,
                 figsize=(3.5, 2.5)):
        use_svg_display()
        self._output = None  # the ipywidgets Output it last drew into, if any
        if _in_notebook():  # kept out of pyplot, so only ``show`` ever displays it
            self.fig = Figure(figsize=figsize)
            axes = self.fig.subplots(nrows, ncols, squeeze=False)
            self._output = _current_output_widget()
            _flush_after_each_cell()
        else:
            self.fig, axes = plt.subplots(nrows, ncols, figsize=figsize,
                                          squeeze=False)
        self.axes = axes.flatten()
        self.config_axes = lambda: set_axes(
            self.axes[0], xlabel, ylabel, xlim, ylim, xscale, yscale, legend)
        self.X, self.Y, self.fmts = None, None, fmts
        self._handle = None
        self._last_x = xlim[1] if xlim else None
        self.next_redraw = time.monotonic() + FIRST_REDRAW_AFTER  # a redraw is due from then

    def add(self, x, y):
        """Append one point per curve (``y`` a number or a list); redraw if due.

        Numbers may be tensors, also 0-d ones and ones that require grad: they
        are read here. ``None`` skips a curve; every call gives as many values
        as the first.
        """
        y, x = _numbers(y), _numbers(x)
        if len(x) == 1:
            x = x * len(y)
        curves = len(y) if self.Y is None else len(self.Y)  # the first call sets it
        if len(x) != curves or len(y) != curves:
            raise ValueError(bilingual(
                f'Animator.add: {len(x)} x ve {len(y)} y değeri verildi, ama bu Animator '
                f'{curves} eğri çiziyor (ilk add çağrısındaki değer sayısı). Her çağrıda her '
                'eğri için bir değer verin (atlanacak eğri için None); başka eğriler için yeni '
                'bir Animator kurun.',
                f'Animator.add got {len(x)} x and {len(y)} y values, but this Animator draws '
                f'{curves} curves (the number of values of the first add). Give one value per '
                'curve in every call (None to skip one); make a new Animator for other '
                'curves.'))
        if self.Y is None:
            self.X = [[] for _ in range(curves)]
            self.Y = [[] for _ in range(curves)]
        for i, (a, b) in enumerate(zip(x, y)):
            if a is not None and b is not None:
                self.X[i].append(a)
                self.Y[i].append(b)
        at_the_end = self._last_x is not None and any(
            a is not None and a >= self._last_x for a in x)
        if at_the_end or time.monotonic() >= self.next_redraw:
            self.show()
        else:
            _UNDRAWN[self] = _request_id()

    def flush(self):
        """Redraw now if points were added since the last redraw."""
        if self in _UNDRAWN:
            self.show()

    def show(self):
        """Draw all points now and show the figure where the user sees it."""
        start = time.monotonic()
        _UNDRAWN.pop(self, None)
        self.axes[0].cla()
        for xs, ys, fmt in zip(self.X or [], self.Y or [], self.fmts):
            self.axes[0].plot(xs, ys, fmt)
        self.config_axes()
        if _in_notebook():  # the Output widget it draws in now, else the last one
            self._output = _current_output_widget() or self._output
        if self._output is not None:
            with self._output:  # captures what follows, also outside that ``with out:``
                display.clear_output(wait=True)
                display.display(self.fig)
        elif _in_notebook():
            if self._handle is None:
                self._handle = display.display(self.fig, display_id=True)
            else:
                self._handle.update(self.fig)
        elif matplotlib.get_backend().lower() not in _NON_INTERACTIVE:
            plt.pause(0.001)
        now = time.monotonic()
        self.next_redraw = now + max(MIN_REDRAW_INTERVAL, 19 * (now - start))


def _numbers(values):
    """``values`` (a number, a tensor, an array or a sequence) as a list of numbers."""
    if torch.is_tensor(values) or isinstance(values, np.ndarray):
        values = values.tolist()  # a 0-d tensor gives one number
    return [_number(v) for v in values] if hasattr(values, '__len__') else [_number(values)]


def _number(value):
    """``value`` as a plain number (``None`` stays); a one-element tensor is read."""
    if torch.is_tensor(value) and value.numel() == 1:
        return value.item()
    if value is None or isinstance(value, numbers.Real):
        return value
    raise ValueError(bilingual(
        f'Animator.add her eğri için tek bir sayı bekliyor, {value!r} verildi. Bir sayı, '
        'tek öğeli bir tensör ya da None verin.',
        f'Animator.add needs one number per curve, got {value!r}. Give a number, a '
        'one-element tensor or None.'))


def _flush_undrawn():
    """Redraw the Animators to which the cell that just ran added undrawn points."""
    cell = _request_id()
    for animator, request in list(_UNDRAWN.items()):
        if request == cell:
            animator.flush()


def _flush_after_each_cell():
    """Register ``_flush_undrawn`` as an IPython ``post_execute`` hook, once."""
    events = get_ipython().events
    if _flush_undrawn not in events.callbacks['post_execute']:
        events.register('post_execute', _flush_undrawn)
