"""What every classroom app shares."""
import pytest
import torch

import d2lmini as d2l


@pytest.mark.parametrize('make', [lambda: d2l.dropout_demo(image=torch.rand(28, 28)),
                                  lambda: d2l.gan_demo(num_epochs=1),
                                  lambda: d2l.style_transfer_demo(image_shape=(32, 48))])
def test_every_app_reads_as_a_one_line_hint_where_widgets_do_not_run(make):
    text = make()._repr_mimebundle_()['text/plain']
    assert '\n' not in text and "JupyterLab'de çalıştırın" in text and 'VBox' not in text
