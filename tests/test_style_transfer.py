"""Chapter 02's saved code (``d2lmini.style_transfer``) and its studio demo.

The notebook writes every function step by step; ``d2lmini`` keeps a copy (the
book's ``#@save``). ``test_notebook_functions_agree_with_the_saved_copies``
takes each function's source out of the committed notebook, runs it next to
the saved copy on a small input and checks both give the same result.
"""
import ast
import datetime
import io
import json
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn
from torchvision.transforms import functional as TF
from tqdm.auto import tqdm

import d2lmini as d2l
from d2lmini import style_transfer as st

ROOT = Path(__file__).parents[1]
NOTEBOOK = ROOT / 'notebooks' / '02-sinir-stil-transferi.ipynb'
SAVED = ['preprocess', 'postprocess', 'extract_features', 'get_contents', 'get_styles',
         'content_loss', 'gram', 'style_loss', 'tv_loss', 'compute_loss', 'SynthesizedImage',
         'get_inits', 'train', 'train_lbfgs']
CONSTANTS = ['rgb_mean', 'rgb_std', 'style_layers', 'content_layers', 'content_weight',
             'style_weight', 'tv_weight']
SHAPE = (32, 48)


@pytest.fixture(scope='module')
def net():
    return d2l.pretrained_vgg19().features[:29]


@pytest.fixture(scope='module')
def images():
    return [d2l.load_image(ROOT / 'img' / name) for name in ('rainier.jpg', 'autumn-oak.jpg')]


def notebook_namespace():
    """Execute the notebook's constants and the definitions of ``SAVED``; return the namespace."""
    nb = json.loads(NOTEBOOK.read_text(encoding='utf-8'))
    namespace = {'torch': torch, 'nn': nn, 'TF': TF, 'np': np, 'tqdm': tqdm, 'd2l': d2l}
    found = set()
    for cell in nb['cells']:
        if cell['cell_type'] != 'code':
            continue
        source = ''.join(cell['source'])
        for node in ast.parse(source).body:
            names = ({node.name} if isinstance(node, (ast.FunctionDef, ast.ClassDef)) else
                     {n.id for t in getattr(node, 'targets', []) for n in ast.walk(t)
                      if isinstance(n, ast.Name)})
            if names & set(SAVED + CONSTANTS) and not names & found:
                exec(compile(ast.Module([node], []), str(NOTEBOOK), 'exec'), namespace)
                found |= names
    assert set(SAVED + CONSTANTS) <= found, f'not in the notebook: {set(SAVED + CONSTANTS) - found}'
    return namespace


def assert_same(a, b):
    """Tensors, PIL images, numbers and (nested) lists of them are equal up to rounding."""
    if isinstance(a, (list, tuple)):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            assert_same(x, y)
    elif isinstance(a, Image.Image):
        assert np.array_equal(np.asarray(a), np.asarray(b))
    elif torch.is_tensor(a):
        torch.testing.assert_close(a.detach(), b.detach(), rtol=1e-5, atol=1e-6)
    else:
        assert a == pytest.approx(b, rel=1e-5, abs=1e-6)


def test_notebook_functions_agree_with_the_saved_copies(net, images):
    nb = notebook_namespace()
    assert nb['style_layers'] == st.STYLE_LAYERS and nb['content_layers'] == st.CONTENT_LAYERS
    assert (nb['content_weight'], nb['style_weight'], nb['tv_weight']) == st.WEIGHTS
    content_img, style_img = images
    X = st.preprocess(content_img, SHAPE)
    assert_same(nb['preprocess'](content_img, SHAPE), X)
    assert_same(nb['postprocess'](X * 1.5), st.postprocess(X * 1.5))
    layers = ([19], [0, 10])
    assert_same(nb['extract_features'](net, X, *layers), st.extract_features(net, X, *layers))
    content_X, contents_Y = st.get_contents(net, content_img, SHAPE, 'cpu')
    style_X, styles_Y = st.get_styles(net, style_img, SHAPE, 'cpu')
    assert_same(nb['get_contents'](net, content_img, SHAPE, 'cpu'), (content_X, contents_Y))
    assert_same(nb['get_styles'](net, style_img, SHAPE, 'cpu'), (style_X, styles_Y))
    _, styles_Y_hat = st.extract_features(net, content_X, st.CONTENT_LAYERS, st.STYLE_LAYERS)
    grams = [st.gram(Y) for Y in styles_Y]
    assert_same(nb['content_loss'](styles_Y[3], contents_Y[0]), st.content_loss(styles_Y[3],
                                                                                  contents_Y[0]))
    assert_same([nb['gram'](Y) for Y in styles_Y], grams)
    assert_same(nb['style_loss'](styles_Y_hat[1], grams[1]),
                st.style_loss(styles_Y_hat[1], grams[1]))
    assert_same(nb['tv_loss'](style_X), st.tv_loss(style_X))
    args = (content_X, contents_Y, styles_Y_hat, contents_Y, grams)
    assert_same(nb['compute_loss'](*args, weights=(2, 10, 3)), st.compute_loss(*args, (2, 10, 3)))
    assert_same(nb['SynthesizedImage'](X.shape)(), st.SynthesizedImage(X.shape)())
    nb_X, nb_grams, nb_trainer = nb['get_inits'](X, 'cpu', 0.3, styles_Y)
    saved_X, saved_grams, saved_trainer = st.get_inits(X, 'cpu', 0.3, styles_Y)
    assert_same((nb_X, nb_grams), (saved_X, saved_grams))
    assert type(nb_trainer) is type(saved_trainer)
    train_args = (net, content_X, contents_Y, styles_Y, 'cpu', 0.3, 20, 5)
    assert_same(nb['train'](*train_args), st.train(*train_args))
    lbfgs_args = (net, content_X, contents_Y, styles_Y, 4, (1, 1e3, 10))
    assert_same(nb['train_lbfgs'](*lbfgs_args), st.train_lbfgs(*lbfgs_args))


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


def test_lbfgs_lowers_the_loss_and_calls_back_after_every_evaluation(net, images):
    content_X, contents_Y = st.get_contents(net, images[0], SHAPE, 'cpu')
    _, styles_Y = st.get_styles(net, images[1], SHAPE, 'cpu')
    calls = []
    X, history = st.train_lbfgs(net, content_X, contents_Y, styles_Y, 6,
                                callback=lambda X, h: calls.append(len(h)))
    assert calls == list(range(1, len(history) + 1)) and len(history) == 6
    assert history[-1][3] < history[0][3] / 2
    assert X.shape == content_X.shape and not torch.equal(X, content_X)


def widgets_in(app):
    """Every widget in the tree under ``app``."""
    found = [app]
    for child in getattr(app, 'children', ()):
        found += widgets_in(child)
    return found


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
