"""Chapter 02's saved code (``d2lmini.chapters.style_transfer``) and its studio app."""
import datetime
import io
import ipywidgets as widgets
import numpy as np
import pytest
import torch
from PIL import Image
from torchvision.transforms import functional as TF

import d2lmini as d2l
from d2lmini.chapters import style_transfer as st
from helpers import ROOT, widgets_in

SHAPE = (32, 48)


@pytest.fixture(scope='module')
def images():
    return [d2l.load_image(ROOT / 'img' / name) for name in ('rainier.jpg', 'autumn-oak.jpg')]


def test_gram_divides_by_the_number_of_values():
    Y = torch.tensor([[1., 2.], [3., 4.]]).reshape(1, 2, 1, 2)
    torch.testing.assert_close(st.gram(Y), torch.tensor([[5., 11.], [11., 25.]]) / 4)


def test_tv_loss_is_zero_on_a_flat_image_and_two_on_a_checkerboard():
    assert st.tv_loss(torch.full((1, 3, 4, 6), 0.7)).item() == 0
    board = (torch.arange(4).view(4, 1) + torch.arange(6)) % 2 * 2.0 - 1  # +-1 alternating
    assert st.tv_loss(board.expand(1, 3, 4, 6)).item() == pytest.approx(2.0)


def test_compute_loss_counts_the_style_terms_ten_times():
    Y, Z = torch.ones(1, 2, 3, 3), torch.zeros(1, 2, 3, 3)
    contents_l, styles_l, tv_l, l = st.compute_loss(Z, [Y], [Y, Z], [Z], [st.gram(Z)] * 2,
                                                    (2, 3, 5))
    assert contents_l[0].item() == 2 * 1.0
    assert styles_l[0].item() == pytest.approx(3 * 0.5 ** 2)  # Gram of ones: 9 / 18
    total = sum(contents_l).item() + 10 * sum(styles_l).item() + tv_l.item()
    assert l.item() == pytest.approx(total)


def test_pre_and_postprocessing_round_trip(images):
    img = TF.resize(images[0], list(SHAPE))
    back = st.postprocess(st.preprocess(img, SHAPE))
    assert back.size == img.size
    assert np.abs(np.asarray(back, dtype=int) - np.asarray(img, dtype=int)).max() <= 1


def test_lbfgs_lowers_the_loss_and_calls_back_after_every_evaluation(vgg, images):
    content_X, contents_Y = st.get_contents(vgg, images[0], SHAPE, 'cpu')
    _, styles_Y = st.get_styles(vgg, images[1], SHAPE, 'cpu')
    calls = []
    gen_img = st.SynthesizedImage(content_X.shape)
    with torch.no_grad():
        gen_img.weight.copy_(content_X)
    X, history = st.optimize_image(vgg, gen_img, contents_Y, [st.gram(Y) for Y in styles_Y], 6,
                                   callback=lambda X, h: calls.append(len(h)))
    assert calls == list(range(1, len(history) + 1)) and len(history) == 6
    assert history[-1][3] < history[0][3] / 2
    assert X.shape == content_X.shape and not torch.equal(X, content_X)


def one(app, kind, **attrs):
    """The only widget of ``kind`` under ``app`` whose attributes have these values."""
    matches = [w for w in widgets_in(app) if isinstance(w, kind)
               and all(getattr(w, k) == v for k, v in attrs.items())]
    assert len(matches) == 1, (kind, attrs, matches)
    return matches[0]


def test_demo_shows_the_inputs_at_once_then_transfers_again_and_again():
    app = d2l.style_transfer_demo(image_shape=SHAPE, num_steps=5)
    thumbs = [w for w in widgets_in(app) if isinstance(w, widgets.Image)]
    assert len(thumbs) == 3 and all(t.value for t in thumbs)  # content, style, start: no training
    button = one(app, widgets.Button, description='Stili aktar')
    progress = one(app, widgets.IntProgress)
    result = thumbs[2]
    style_weight = one(app, widgets.FloatLogSlider, description='stil ağırlığı')
    for weight in (1e3, 1e4):  # runnable again, with new settings, without restarting
        style_weight.value = weight
        before = bytes(result.value)
        button.click()
        assert progress.value == progress.max == 5
        assert bytes(result.value) != before and not button.disabled
        status = [w.value for w in widgets_in(app) if isinstance(w, widgets.HTML)]
        assert any(s.startswith('Bitti: 5 değerlendirme') for s in status), status


def test_demo_reports_a_bad_upload_in_turkish():
    app = d2l.style_transfer_demo(image_shape=SHAPE, num_steps=5)
    upload = [w for w in widgets_in(app) if isinstance(w, widgets.FileUpload)][1]
    stamp = datetime.datetime.now(datetime.timezone.utc)
    upload.value = ({'name': 'odev.pdf', 'type': 'application/pdf', 'size': 9,
                     'content': memoryview(b'%PDF-1.4 '), 'last_modified': stamp},)
    errors = [w.value for w in widgets_in(app) if isinstance(w, widgets.HTML) and w.value]
    assert any("'odev.pdf' bir imge olarak okunamadı" in e and 'not a readable' not in e
               for e in errors), errors
    good = io.BytesIO()
    Image.new('RGB', (40, 30), 'orange').save(good, format='PNG')
    upload.value = ({'name': 'turuncu.png', 'type': 'image/png', 'size': len(good.getvalue()),
                     'content': memoryview(good.getvalue()), 'last_modified': stamp},)
    assert not any('okunamadı' in w.value for w in widgets_in(app) if isinstance(w, widgets.HTML))


def error_box(app):
    """The studio's error box."""
    return next(w for w in widgets_in(app) if 'd2l-error' in getattr(w, '_dom_classes', ()))


def test_a_bad_content_image_stays_reported_until_it_is_replaced(tmp_path):
    fake = tmp_path / 'foto.jpg'
    fake.write_text('bu bir imge değil')
    Image.new('RGB', (60, 40), 'teal').save(tmp_path / 'deniz.png')
    app = d2l.style_transfer_demo(content=fake, image_shape=SHAPE, num_steps=5)
    shown = error_box(app).value
    assert shown.startswith('İçerik imgesi: ') and "foto.jpg' bir imge olarak okunamadı" in shown
    good = io.BytesIO()
    Image.new('RGB', (40, 30), 'orange').save(good, format='PNG')
    style_upload = [w for w in widgets_in(app) if isinstance(w, widgets.FileUpload)][1]
    style_upload.value = ({'name': 'turuncu.png', 'type': 'image/png', 'size': 9,
                           'content': memoryview(good.getvalue()),
                           'last_modified': datetime.datetime.now(datetime.timezone.utc)},)
    assert 'İçerik imgesi' in error_box(app).value  # a good style image does not hide it
    one(app, widgets.Button, description='Stili aktar').click()
    assert 'İçerik imgesi okunamadı' in error_box(app).value
    assert one(app, widgets.IntProgress).value == 0  # nothing ran on the old content
    content_choice = [w for w in widgets_in(app) if isinstance(w, widgets.Dropdown)][0]
    content_choice.value = 'deniz.png'
    assert error_box(app).value == ''


def test_too_small_a_size_is_refused_when_the_studio_is_built():
    with pytest.raises(ValueError, match='image_shape en az 16'):
        d2l.style_transfer_demo(image_shape=(8, 8), num_steps=5)
