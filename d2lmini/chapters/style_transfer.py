"""Chapter 02, Sinir Stil Transferi: the code its notebook saves.

Generated from notebooks/02-sinir-stil-transferi.ipynb (its cells tagged `save`) by
`python -m tools.export`. Do not edit by hand: change the notebook and export again.
"""
import torch
from torch import nn
from torchvision.transforms import functional as TF
from tqdm.auto import tqdm
import d2lmini as d2l

__all__ = ['rgb_mean', 'rgb_std', 'preprocess', 'postprocess', 'style_layers', 'content_layers',
           'extract_features', 'get_contents', 'get_styles', 'content_loss', 'gram', 'style_loss',
           'tv_loss', 'content_weight', 'style_weight', 'tv_weight', 'compute_loss',
           'SynthesizedImage', 'get_inits', 'train', 'optimize_image']


# ağın beklediği ImageNet istatistikleri, d2l.pretrained_vgg19 ile aynı yerden
rgb_mean = torch.tensor(d2l.vgg.RGB_MEAN)
rgb_std = torch.tensor(d2l.vgg.RGB_STD)


def preprocess(img, image_shape):
    """PIL imgesini standartlaştırılmış (1, 3, yükseklik, genişlik) bir gereye çevir."""
    if len(image_shape) != 2 or min(image_shape) < 1:
        raise ValueError(d2l.errors.bilingual(
            f'image_shape (yükseklik, genişlik) gibi iki pozitif sayı olmalı, {image_shape} '
            'verildi; örneğin (300, 450) yazın.',
            f'image_shape must be two positive numbers (height, width), got {image_shape}; '
            'write, for example, (300, 450).'))
    X = TF.to_tensor(TF.resize(img, list(image_shape)))
    X = (X - rgb_mean.view(3, 1, 1)) / rgb_std.view(3, 1, 1)
    return X.unsqueeze(0)


def postprocess(X):
    """Gereyi PIL imgesine geri çevir: standartlaştırmayı geri al, [0, 1] aralığına kırp."""
    X = X[0].detach().cpu() * rgb_std.view(3, 1, 1) + rgb_mean.view(3, 1, 1)
    return TF.to_pil_image(X.clamp(0, 1))


style_layers, content_layers = [0, 5, 10, 19, 28], [25]


def extract_features(net, X, content_layers, style_layers):
    """X'i ağın katmanlarından tek tek geçir, seçilen katmanların çıktılarını topla."""
    contents, styles = [], []
    for i, layer in enumerate(net):
        X = layer(X)
        if i in style_layers:
            styles.append(X)
        if i in content_layers:
            contents.append(X)
    return contents, styles


def get_contents(net, content_img, image_shape, device):
    """İçerik imgesini gereye çevir ve içerik özniteliklerini çıkar."""
    content_X = preprocess(content_img, image_shape).to(device)
    contents_Y, _ = extract_features(net, content_X, content_layers, style_layers)
    return content_X, contents_Y


def get_styles(net, style_img, image_shape, device):
    """Stil imgesini gereye çevir ve stil özniteliklerini çıkar."""
    style_X = preprocess(style_img, image_shape).to(device)
    _, styles_Y = extract_features(net, style_X, content_layers, style_layers)
    return style_X, styles_Y


def content_loss(Y_hat, Y):
    """İçerik özniteliklerinin ortalama kare farkı; hedef sabittir."""
    return torch.square(Y_hat - Y.detach()).mean()


def gram(Y):
    """(1, c, h, w) biçimli bir çıktının c*h*w'ye bölünmüş Gram matrisi."""
    c = Y.shape[1]
    F = Y.reshape(c, -1)           # her satır bir kanal: c x hw
    return F @ F.T / Y.numel()     # c*h*w'ye böl (örnek sayısı 1)


def style_loss(Y_hat, gram_Y):
    """Gram matrislerinin ortalama kare farkı; hedef sabittir."""
    return torch.square(gram(Y_hat) - gram_Y.detach()).mean()


def tv_loss(Y_hat):
    """Toplam değişim: dikey ve yatay komşu farklarının mutlak ortalamalarının yarı toplamı."""
    vertical = (Y_hat[:, :, 1:, :] - Y_hat[:, :, :-1, :]).abs().mean()
    horizontal = (Y_hat[:, :, :, 1:] - Y_hat[:, :, :, :-1]).abs().mean()
    return 0.5 * (vertical + horizontal)


content_weight, style_weight, tv_weight = 1, 1e3, 10


def compute_loss(X, contents_Y_hat, styles_Y_hat, contents_Y, styles_Y_gram,
                 weights=(content_weight, style_weight, tv_weight)):
    """Ağırlıklı içerik, stil ve toplam değişim terimlerini ve toplam kaybı döndür."""
    w_content, w_style, w_tv = weights
    contents_l = [w_content * content_loss(Y_hat, Y)
                  for Y_hat, Y in zip(contents_Y_hat, contents_Y)]
    styles_l = [w_style * style_loss(Y_hat, G) for Y_hat, G in zip(styles_Y_hat, styles_Y_gram)]
    tv_l = w_tv * tv_loss(X)
    l = sum(contents_l) + 10 * sum(styles_l) + tv_l  # stil terimleri 10 kez sayılır
    return contents_l, styles_l, tv_l, l


class SynthesizedImage(nn.Module):
    """Tek parametresi sentezlenmiş imgenin kendisi olan model."""

    def __init__(self, img_shape):
        """İmgeyi sıfırlarla oluştur; get_inits onu içerik imgesiyle doldurur."""
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(img_shape))

    def forward(self):
        """İmgenin kendisini döndür."""
        return self.weight


def get_inits(X, device, lr, styles_Y):
    """X ile ilklenmiş imgeyi, stil Gram matrislerini ve Adam eniyileyicisini döndür."""
    gen_img = SynthesizedImage(X.shape).to(device)
    with torch.no_grad():
        gen_img.weight.copy_(X)   # içerik imgesiyle ilkle
    trainer = torch.optim.Adam(gen_img.parameters(), lr=lr)
    styles_Y_gram = [gram(Y) for Y in styles_Y]
    return gen_img(), styles_Y_gram, trainer


def train(net, X, contents_Y, styles_Y, device, lr, num_epochs, lr_decay_epoch):
    """Kitabın döngüsü: imgeyi Adam ile eğit, kayıpları ve imgeyi canlı çiz."""
    # StepLR her lr_decay_epoch dönemde bir adım atar: 0 dönemde bir adım olamaz
    lr_decay_epoch = d2l.errors.int_at_least(lr_decay_epoch, 1, 'lr_decay_epoch', 50)
    X, styles_Y_gram, trainer = get_inits(X, device, lr, styles_Y)
    scheduler = torch.optim.lr_scheduler.StepLR(trainer, lr_decay_epoch, 0.8)
    animator = d2l.Animator(xlabel='dönem', ylabel='kayıp', xlim=[1, num_epochs], yscale='log',
                            legend=['içerik', 'stil', 'TV'], ncols=2, figsize=(7, 2.5))
    history = []   # her dönem: [içerik, stil, TV, toplam]
    for epoch in tqdm(range(num_epochs), desc='eğitim', unit='dönem'):
        trainer.zero_grad()
        contents_Y_hat, styles_Y_hat = extract_features(net, X, content_layers, style_layers)
        contents_l, styles_l, tv_l, l = compute_loss(
            X, contents_Y_hat, styles_Y_hat, contents_Y, styles_Y_gram)
        l.backward()
        trainer.step()
        scheduler.step()
        history.append([t.item() for t in (sum(contents_l), sum(styles_l), tv_l, l)])
        if (epoch + 1) % 10 == 0:
            animator.axes[1].cla()
            animator.axes[1].imshow(postprocess(X))
            animator.axes[1].axis('off')
        if epoch:   # 1. dönemde içerik kaybı tam 0: logaritmik eksende çizilemez
            animator.add(epoch + 1, history[-1][:3])
    return X, history


def optimize_image(net, gen_img, contents_Y, styles_Y_gram, num_steps,
                   weights=(content_weight, style_weight, tv_weight),
                   content_layers=content_layers, style_layers=style_layers, callback=None):
    """gen_img()'in verdiği imgeyi L-BFGS ile en çok num_steps kayıp değerlendirmesinde eğit."""
    trainer = torch.optim.LBFGS(gen_img.parameters(), max_iter=num_steps, max_eval=num_steps,
                                line_search_fn='strong_wolfe')
    history = []

    def closure():
        """Kaybı ve gradyanı yeniden hesapla; L-BFGS bunu adımda birkaç kez çağırır."""
        trainer.zero_grad()
        X = gen_img()
        contents_Y_hat, styles_Y_hat = extract_features(net, X, content_layers, style_layers)
        contents_l, styles_l, tv_l, l = compute_loss(
            X, contents_Y_hat, styles_Y_hat, contents_Y, styles_Y_gram, weights)
        l.backward()
        history.append([t.item() for t in (sum(contents_l), sum(styles_l), tv_l, l)])
        if callback:
            callback(X, history)
        return l

    trainer.step(closure)
    return gen_img().detach(), history
