"""What every classroom app shares."""
import weakref

import pytest
import torch

import d2lmini as d2l


@pytest.mark.parametrize('make', [lambda: d2l.dropout_demo(image=torch.rand(28, 28)),
                                  lambda: d2l.gan_demo(num_epochs=1),
                                  lambda: d2l.style_transfer_demo(image_shape=(32, 48))])
def test_every_app_reads_as_a_one_line_hint_where_widgets_do_not_run(make):
    text = make()._repr_mimebundle_()['text/plain']
    assert '\n' not in text and "JupyterLab'de çalıştırın" in text and 'VBox' not in text


def test_return_freed_memory_frees_what_only_a_reference_cycle_holds():
    from d2lmini.apps.app import return_freed_memory

    class Holder:  # a tensor kept alive by a cycle, as a traceback's frames keep a loss closure's
        pass

    holder = Holder()
    holder.me, holder.activations = holder, torch.zeros(1000)
    kept = weakref.ref(holder)
    del holder
    return_freed_memory()
    assert kept() is None
