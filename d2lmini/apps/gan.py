"""Chapter 03's classroom app: train the toy GAN with your own settings and watch it live."""
import html

import ipywidgets as widgets
import torch
from matplotlib.figure import Figure

from ..chapters import gan
from ..data import load_array
from ..errors import int_between, turkish
from ..gan_checks import check_gan_settings
from ..plotting import use_svg_display
from .app import App, return_freed_memory

__all__ = ['gan_demo']

STYLE = '''<style>
.d2l-gan .widget-label, .d2l-gan .widget-readout, .d2l-gan input, .d2l-gan button,
.d2l-gan .d2l-gan-status {font-size: 20px !important; line-height: 1.4;}
.d2l-gan .widget-slider, .d2l-gan .widget-text, .d2l-gan .widget-button,
.d2l-gan .widget-hprogress {height: 40px; margin-bottom: 6px;}
.d2l-gan .widget-output img {width: min(100%, 620px); height: auto;}
</style>'''
WIDE = {'description_width': '90px'}
SEED_MAX = 99  # the seed slider's end
LONG = widgets.Layout(width='420px')  # slider tracks long enough to move on a projector


class _CountEpochs:
    """Iterate over ``data_iter`` and advance a progress bar once per pass."""

    def __init__(self, data_iter, bar):
        self.data_iter, self.bar = data_iter, bar

    def __len__(self):
        return len(self.data_iter)

    def __iter__(self):
        yield from self.data_iter
        self.bar.value += 1
        self.bar.description = f'{self.bar.value}/{self.bar.max}'


def _first_picture(data):
    """The real data alone, shown before any training."""
    fig = Figure(figsize=(5, 5))
    fig.subplots_adjust(hspace=0.35)  # as in gan.train: room for the loss axes' x label
    ax_loss, ax_points = fig.subplots(2, 1)
    ax_loss.set_xlabel('dönem')
    ax_loss.set_ylabel('kayıp')
    ax_loss.text(0.5, 0.5, '«Yeniden eğit» düğmesine basın', ha='center', va='center',
                 transform=ax_loss.transAxes)
    ax_points.scatter(data[:, 0], data[:, 1], s=6, label='gerçek')
    ax_points.legend(loc='upper left')
    return fig


def _verdict(history):
    """A Turkish one-line summary of how close the last epoch came to the real Gaussian."""
    mean, cov = history[-1][2:]
    mean_err, cov_err = gan.errors(mean, cov)
    found = gan.recovered(mean, cov)
    return (f'Bitti. Ortalamanın hatası {mean_err:.3f}, kovaryansın göreli hatası {cov_err:.1%}: '
            f'<b>{"dağılım bulundu" if found else "dağılım bulunamadı"}</b>.')


def _in_output(out, function, *args):
    """Call ``function(*args)`` with what it displays going into ``out``; let its errors through.

    In a kernel, ``with out:`` alone would show an error's traceback in ``out`` and swallow it.
    """
    error = None
    with out:
        try:
            return function(*args)
        except Exception as err:
            error = err
    raise error


def gan_demo(lr_D=0.05, lr_G=0.005, num_epochs=20, seed=1):
    """Build the GAN trainer app (learning rates, epochs, seed, live losses and points); return it.

    The defaults are the chapter's: pressing the button with them repeats its main training.
    Settings that ``gan.train`` would refuse are refused here, when the app is built.
    """
    data = gan.true_samples()
    net_D, net_G = gan.discriminator(), gan.generator()
    check_gan_settings(net_D, net_G, num_epochs, lr_D, lr_G, 2, data)
    seed = int_between(seed, 0, SEED_MAX, 'seed', 1)
    use_svg_display()
    data_iter = load_array((data,), 8)
    lr_D_box = widgets.FloatText(value=lr_D, step=0.005, description='lr_D', style=WIDE)
    lr_G_box = widgets.FloatText(value=lr_G, step=0.0005, description='lr_G', style=WIDE)
    epochs = widgets.IntSlider(value=num_epochs, min=1, max=max(60, num_epochs),
                               description='dönem', style=WIDE, layout=LONG)
    seed_slider = widgets.IntSlider(value=seed, min=0, max=SEED_MAX, description='tohum',
                                    style=WIDE, layout=LONG)
    button = widgets.Button(description='Yeniden eğit', button_style='primary',
                            layout=widgets.Layout(width='200px'))
    progress = widgets.IntProgress(value=0, min=0, max=num_epochs, description='dönem',
                                   style=WIDE)
    status = widgets.HTML('Öğrenme oranlarını, dönem sayısını ve tohumu seçip '
                          '<b>Yeniden eğit</b> düğmesine basın.')
    status.add_class('d2l-gan-status')
    out = widgets.Output()
    # set, not captured with ``with out:``: a capture while the app is built makes the notebook's
    # runner sync the widget, which can hang Voilà (jupyter/nbclient#312)
    out.append_display_data(_first_picture(data[:100]))

    def run(_=None):
        """Train with the chosen settings, drawing into ``out``; report errors in Turkish."""
        button.disabled = True
        progress.max, progress.value, progress.description = epochs.value, 0, 'dönem'
        status.value = 'Eğitiliyor…'
        threads = torch.get_num_threads()
        torch.set_num_threads(1)  # tiny nets: coordinating threads costs more than it saves
        try:
            torch.manual_seed(seed_slider.value)
            out.clear_output(wait=True)
            history = _in_output(out, gan.train, net_D, net_G, _CountEpochs(data_iter, progress),
                                 epochs.value, lr_D_box.value, lr_G_box.value, 2, data[:100])
            status.value = _verdict(history)
        except ValueError as err:
            status.value = ('<span style="color:#b00020">Ayar hatası: '
                            f'{html.escape(turkish(err))}</span>')
        except Exception as err:  # the classroom sees a message, never a traceback
            status.value = (f'<span style="color:#b00020">Eğitim bir hatayla durdu: '
                            f'{html.escape(type(err).__name__)}: '
                            f'{html.escape(turkish(err))}</span>')
        finally:
            torch.set_num_threads(threads)
            button.disabled = False
            return_freed_memory()

    button.on_click(run)
    app = App([
        widgets.HTML(STYLE + '<h2>Çekişmeli üretici ağ: iki boyutlu bir Gauss öğrenmek</h2>'),
        widgets.HBox([widgets.VBox([lr_D_box, lr_G_box, button]),
                      widgets.VBox([epochs, seed_slider, progress])]),
        status, out], 'GAN gösterisi')
    app.add_class('d2l-gan')
    return app
