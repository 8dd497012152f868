"""Chapter 02b, Ek: Stil Transferini Hızlandırmak: the code its notebook saves.

Generated from notebooks/02b-ek-stil-transferini-hizlandirmak.ipynb (its cells tagged `save`) by
`python -m tools.export`. Do not edit by hand: change the notebook and export again.
"""
import torch
import torch.nn.functional as F
from torch import nn
from d2lmini.chapters.style_transfer import (SynthesizedImage, compute_loss, content_layers,
                                             content_weight, extract_features, gram,
                                             optimize_image, style_layers, style_weight, tv_weight)

__all__ = ['targets', 'loss_and_grad', 'synthesized_image', 'train_lbfgs', 'evaluations_to',
           'adam_losses', 'color_stats', 'matrix_power', 'match_colors', 'PyramidImage', 'resize',
           'coarse_start']


def targets(net, content_X, style_X):
    """İçerik imgesinin içerik özniteliklerini ve stil imgesinin Gram matrislerini döndür."""
    with torch.no_grad():
        contents_Y, _ = extract_features(net, content_X, content_layers, style_layers)
        _, styles_Y = extract_features(net, style_X, content_layers, style_layers)
        return contents_Y, [gram(Y) for Y in styles_Y]


def loss_and_grad(net, X, goal):
    """Tek bir değerlendirme: X'in toplam kaybı, gradyanı X.grad'da."""
    X = X.detach().requires_grad_(True)
    contents_Y_hat, styles_Y_hat = extract_features(net, X, content_layers, style_layers)
    l = compute_loss(X, contents_Y_hat, styles_Y_hat, *goal)[3]
    l.backward()
    return l.item()


def synthesized_image(X):
    """X ile ilklenmiş bir SynthesizedImage."""
    gen_img = SynthesizedImage(X.shape).to(X.device)
    with torch.no_grad():
        gen_img.weight.copy_(X)
    return gen_img


def train_lbfgs(net, X, goal, num_steps, weights=(content_weight, style_weight, tv_weight)):
    """İçerik imgesiyle ilklenmiş bir SynthesizedImage'i L-BFGS ile eğit."""
    return optimize_image(net, synthesized_image(X), *goal, num_steps, weights)


def evaluations_to(history, target):
    """Kayıp geçmişinde toplam kaybın ilk kez hedefe indiği değerlendirme (inmediyse None)."""
    return next((i for i, h in enumerate(history, 1) if h[3] <= target), None)


def adam_losses(net, X, goal, num_steps, lr=0.3, lr_decay_epoch=50):
    """Kitabın Adam döngüsü, çizimsiz: her adımdaki toplam kayıp."""
    gen_img = synthesized_image(X)   # içerik imgesiyle ilkle
    trainer = torch.optim.Adam(gen_img.parameters(), lr=lr)
    scheduler = torch.optim.lr_scheduler.StepLR(trainer, lr_decay_epoch, 0.8)
    losses = []
    for _ in range(num_steps):
        trainer.zero_grad()
        Y = gen_img()
        contents_Y_hat, styles_Y_hat = extract_features(net, Y, content_layers, style_layers)
        l = compute_loss(Y, contents_Y_hat, styles_Y_hat, *goal)[3]
        l.backward()
        trainer.step()
        scheduler.step()
        losses.append(l.item())
    return losses


def color_stats(X):
    """(1, 3, h, w) imgenin pikselleri (3 x hw), renk ortalaması ve renk kovaryansı."""
    P = X.reshape(3, -1).double()
    return P, P.mean(dim=1, keepdim=True), torch.cov(P)


def matrix_power(C, p):
    """Simetrik bir matrisin p. kuvveti, özdeğer ayrışımıyla."""
    values, vectors = torch.linalg.eigh(C)
    return vectors @ torch.diag(values.clamp_min(1e-8) ** p) @ vectors.T


def match_colors(X, style_X):
    """X'in piksellerini, renk ortalaması ve kovaryansı style_X'inkiler olacak biçimde dönüştür."""
    P, mean, cov = color_stats(X)
    _, style_mean, style_cov = color_stats(style_X)
    P = matrix_power(style_cov, 0.5) @ matrix_power(cov, -0.5) @ (P - mean) + style_mean
    return P.to(X.dtype).reshape(X.shape)


class PyramidImage(nn.Module):
    """İmgeyi, her biri bir öncekinin yarısı boyutunda levels düzeyin toplamı olarak tutar."""

    def __init__(self, X, levels=4):
        """İlk düzey X'in kopyası, ötekiler sıfır."""
        super().__init__()
        h, w = X.shape[2:]
        self.layers = nn.ParameterList(
            [nn.Parameter(X.clone())]
            + [nn.Parameter(X.new_zeros(1, 3, -(-h // 2 ** k), -(-w // 2 ** k)))
               for k in range(1, levels)])

    def forward(self):
        """Düzeyleri tam boyuta büyütüp topla."""
        X = self.layers[0]
        for layer in self.layers[1:]:
            X = X + F.interpolate(layer, size=X.shape[2:], mode='bilinear', align_corners=False)
        return X.contiguous(memory_format=torch.channels_last) if X.device.type == 'cpu' else X


def resize(X, scale):
    """(1, 3, h, w) imgeyi kenarları scale katına gelecek biçimde yumuşakça yeniden boyutlandır."""
    h, w = X.shape[2:]
    return F.interpolate(X, size=(round(h * scale), round(w * scale)), mode='bilinear',
                         antialias=True, align_corners=False)


def coarse_start(net, content_X, style_X, num_evals, scale=0.5,
                 weights=(content_weight, style_weight, tv_weight)):
    """Problemi scale boyutunda çöz; bulunan değişikliği büyütüp tam boyutlu başlangıca ekle."""
    small_X, small_style_X = resize(content_X, scale), resize(style_X, scale)
    small_start = match_colors(small_X, small_style_X)
    X, _ = optimize_image(net, PyramidImage(small_start),
                          *targets(net, small_X, small_style_X), num_evals, weights)
    change = F.interpolate(X - small_start, size=content_X.shape[2:], mode='bilinear',
                           align_corners=False)
    return match_colors(content_X, style_X) + change
