"""d2lmini.fast_transfer: colour matching, the pyramid image, its L-BFGS path, bad input."""
import pytest
import torch

from d2lmini.chapters.style_transfer import (content_layers, extract_features, optimize_image,
                                             style_layers, train_lbfgs)
from d2lmini.fast_transfer import PyramidImage, fast_style_transfer, match_colors, targets
from d2lmini.vgg import pretrained_vgg19


@pytest.fixture(scope='module')
def net():
    return pretrained_vgg19().features[:29]


def images(h=32, w=48):
    torch.manual_seed(0)
    content = torch.randn(1, 3, h, w)
    mix = torch.tensor([[1.0, 0.5, 0.0], [0.0, 0.3, 0.2], [0.4, 0.0, 2.0]])
    style = torch.einsum('ij,bjhw->bihw', mix, torch.randn(1, 3, h + 8, w - 8)) + 0.7
    return content, style


def test_match_colors_takes_the_style_mean_and_covariance():
    content, style = images()
    matched = match_colors(content, style)
    assert matched.shape == content.shape
    pixels, style_pixels = matched.reshape(3, -1), style.reshape(3, -1)
    torch.testing.assert_close(pixels.mean(1), style_pixels.mean(1), atol=1e-4, rtol=0)
    torch.testing.assert_close(torch.cov(pixels), torch.cov(style_pixels), atol=1e-4, rtol=1e-4)
    # a per-pixel affine map: the same content image gives the same picture up to colour
    blue = torch.stack([matched[0, 2].flatten(), content[0, 2].flatten()])
    assert torch.corrcoef(blue)[0, 1] > 0.5


def test_pyramid_image_starts_at_x_and_moves_large_areas():
    X = torch.randn(1, 3, 30, 45)
    gen_img = PyramidImage(X, levels=4)
    assert [tuple(p.shape[2:]) for p in gen_img.parameters()] == [(30, 45), (15, 23), (8, 12),
                                                                   (4, 6)]
    torch.testing.assert_close(gen_img(), X, rtol=0, atol=0)
    with torch.no_grad():
        gen_img.layers[3][0, :, 0, 0] += 1.0  # one pixel of the coarsest layer
    changed = (gen_img() - X).abs() > 1e-6
    assert changed[0, 0].sum() > 100  # moves a whole patch, not one pixel
    gen_img().sum().backward()
    assert all(p.grad is not None and p.grad.abs().sum() > 0 for p in gen_img.parameters())


@pytest.mark.slow
def test_the_pyramids_path_gives_the_chapters_lbfgs_numbers(net):
    """One level, channels-last on the CPU, Gram targets from ``targets``: the chapter's losses."""
    content, style = images()
    contents_Y, styles_Y_gram = targets(net, content, style)
    with torch.no_grad():
        _, styles_Y = extract_features(net, style, content_layers, style_layers)
    X_chapter, chapter = train_lbfgs(net, content, contents_Y, styles_Y, 4)
    X, ours = optimize_image(net, PyramidImage(content, levels=1), contents_Y, styles_Y_gram, 4)
    assert X.is_contiguous(memory_format=torch.channels_last)
    torch.testing.assert_close(torch.tensor(ours), torch.tensor(chapter), rtol=1e-4, atol=1e-5)
    torch.testing.assert_close(X, X_chapter, rtol=1e-4, atol=1e-4)


@pytest.mark.slow
def test_fast_style_transfer_lowers_the_loss(net):
    content, style = images()
    calls = []
    X, history = fast_style_transfer(net, content, style, 8,
                                     callback=lambda X, h: calls.append(len(h)))
    assert X.shape == content.shape and not X.requires_grad and torch.isfinite(X).all()
    assert calls == list(range(1, len(history) + 1)) and 8 <= len(history) <= 12
    assert all(len(h) == 4 for h in history)
    assert history[-1][3] < 0.5 * history[0][3]


@pytest.mark.parametrize('bad', [torch.zeros(3, 8, 8), torch.zeros(1, 1, 8, 8), 'rainier.jpg'])
def test_bad_input_gets_a_turkish_error(net, bad):
    with pytest.raises(ValueError, match=r'\(1, 3, yükseklik, genişlik\).*preprocess'):
        fast_style_transfer(net, bad, torch.zeros(1, 3, 8, 8), 2)
