"""Plotting helpers: figure defaults, image grids and the live ``Animator``."""
import sys

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.figure import Figure
import numpy as np
import torch
from IPython import display
from IPython import get_ipython

_NON_INTERACTIVE = {'agg', 'pdf', 'ps', 'svg', 'cairo', 'template'}


def _in_notebook():
    """True inside a Jupyter kernel (JupyterLab, VS Code, Colab, nbclient)."""
    return getattr(get_ipython(), 'kernel', None) is not None


def _in_output_widget():
    """True inside ``with out:`` of an ipywidgets ``Output`` (``interact`` too).

    Front ends drop display-id updates sent into an Output widget (ipywidgets
    issue #1844), so there the figure is redrawn by clearing that widget.
    """
    widget_module = sys.modules.get('ipywidgets.widgets.widget')
    if widget_module is None:
        return False
    get_parent = getattr(get_ipython(), 'get_parent', dict)
    parent = get_parent().get('header', {}).get('msg_id')
    from ipywidgets import Output
    return any(isinstance(w, Output) and w.msg_id == parent
               for w in list(getattr(widget_module, '_instances', {}).values()))


def use_svg_display():
    """Draw notebook figures as crisp SVG."""
    if _in_notebook():
        from matplotlib_inline.backend_inline import set_matplotlib_formats
        set_matplotlib_formats('svg')


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
    ``Output`` it replaces that widget's content instead. Outside a notebook
    it draws into a GUI window when there is one and is silent otherwise.
    """

    def __init__(self, xlabel=None, ylabel=None, legend=None, xlim=None,
                 ylim=None, xscale='linear', yscale='linear',
                 fmts=('-', 'm--', 'g-.', 'r:'), nrows=1, ncols=1,
                 figsize=(3.5, 2.5)):
        use_svg_display()
        if _in_notebook():  # kept out of pyplot, so only ``show`` ever displays it
            self.fig = Figure(figsize=figsize)
            axes = self.fig.subplots(nrows, ncols, squeeze=False)
        else:
            self.fig, axes = plt.subplots(nrows, ncols, figsize=figsize,
                                          squeeze=False)
        self.axes = axes.flatten()
        self.config_axes = lambda: set_axes(
            self.axes[0], xlabel, ylabel, xlim, ylim, xscale, yscale, legend)
        self.X, self.Y, self.fmts = None, None, fmts
        self._handle = None

    def add(self, x, y):
        """Append one point per curve (``y`` a number or a list) and redraw."""
        if not hasattr(y, '__len__'):
            y = [y]
        n = len(y)
        if not hasattr(x, '__len__'):
            x = [x] * n
        if self.X is None:
            self.X = [[] for _ in range(n)]
            self.Y = [[] for _ in range(n)]
        for i, (a, b) in enumerate(zip(x, y)):
            if a is not None and b is not None:
                self.X[i].append(a)
                self.Y[i].append(b)
        self.axes[0].cla()
        for xs, ys, fmt in zip(self.X, self.Y, self.fmts):
            self.axes[0].plot(xs, ys, fmt)
        self.config_axes()
        self.show()

    def show(self):
        """Redraw the figure where the user sees it."""
        if _in_notebook() and _in_output_widget():
            display.clear_output(wait=True)
            display.display(self.fig)
        elif _in_notebook():
            if self._handle is None:
                self._handle = display.display(self.fig, display_id=True)
            else:
                self._handle.update(self.fig)
        elif matplotlib.get_backend().lower() not in _NON_INTERACTIVE:
            plt.pause(0.001)
