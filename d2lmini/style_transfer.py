"""Neural style transfer: the saved code of chapter 02, Sinir Stil Transferi.

The notebook writes each of these functions step by step; these are the
copies that the classroom demo, the fast CPU method and the benchmark import
(the book's ``#@save``), plus ``optimize_image``, the L-BFGS loop of
``train_lbfgs`` on any image module, which the fast method shares. ``net`` is
always the frozen VGG-19 cut after layer 28, ``pretrained_vgg19().features[:29]``,
and is passed explicitly. torchvision is imported where it is used: importing it
costs about two seconds, which every ``import d2lmini`` would otherwise pay.
"""
import torch
from torch import nn
from tqdm.auto import tqdm

from .plotting import Animator
from .vgg import RGB_MEAN, RGB_STD

STYLE_LAYERS, CONTENT_LAYERS = [0, 5, 10, 19, 28], [25]
WEIGHTS = (1, 1e3, 10)  # content, style (counted 10 times on top), total variation
rgb_mean = torch.tensor(RGB_MEAN)
rgb_std = torch.tensor(RGB_STD)


def preprocess(img, image_shape):
    """Return PIL ``img`` resized to ``image_shape`` (h, w) as a standardized (1, 3, h, w) tensor.

    Defined in chapter 02, Sinir Stil Transferi.
    """
    from torchvision.transforms import functional as TF
    X = TF.to_tensor(TF.resize(img, list(image_shape)))
    X = (X - rgb_mean.view(3, 1, 1)) / rgb_std.view(3, 1, 1)
    return X.unsqueeze(0)


def postprocess(X):
    """Undo ``preprocess``: clamp to [0, 1] and return a PIL image.

    Defined in chapter 02, Sinir Stil Transferi.
    """
    from torchvision.transforms import functional as TF
    X = X[0].detach().cpu() * rgb_std.view(3, 1, 1) + rgb_mean.view(3, 1, 1)
    return TF.to_pil_image(X.clamp(0, 1))


def extract_features(net, X, content_layers, style_layers):
    """Run ``X`` through ``net`` layer by layer; return the chosen layers' outputs.

    Defined in chapter 02, Sinir Stil Transferi.
    """
    contents, styles = [], []
    for i, layer in enumerate(net):
        X = layer(X)
        if i in style_layers:
            styles.append(X)
        if i in content_layers:
            contents.append(X)
    return contents, styles


def get_contents(net, content_img, image_shape, device):
    """Return the content image as a tensor and its content features.

    Defined in chapter 02, Sinir Stil Transferi.
    """
    content_X = preprocess(content_img, image_shape).to(device)
    contents_Y, _ = extract_features(net, content_X, CONTENT_LAYERS, STYLE_LAYERS)
    return content_X, contents_Y


def get_styles(net, style_img, image_shape, device):
    """Return the style image as a tensor and its style features.

    Defined in chapter 02, Sinir Stil Transferi.
    """
    style_X = preprocess(style_img, image_shape).to(device)
    _, styles_Y = extract_features(net, style_X, CONTENT_LAYERS, STYLE_LAYERS)
    return style_X, styles_Y


def content_loss(Y_hat, Y):
    """Mean squared difference to the (fixed) content features.

    Defined in chapter 02, Sinir Stil Transferi.
    """
    return torch.square(Y_hat - Y.detach()).mean()


def gram(Y):
    """Gram matrix of a (1, c, h, w) feature map, divided by c*h*w.

    Defined in chapter 02, Sinir Stil Transferi.
    """
    c = Y.shape[1]
    F = Y.reshape(c, -1)
    return F @ F.T / Y.numel()


def style_loss(Y_hat, gram_Y):
    """Mean squared difference between the Gram matrix of ``Y_hat`` and ``gram_Y``.

    Defined in chapter 02, Sinir Stil Transferi.
    """
    return torch.square(gram(Y_hat) - gram_Y.detach()).mean()


def tv_loss(Y_hat):
    """Total variation: half the sum of the mean vertical and horizontal absolute differences.

    Defined in chapter 02, Sinir Stil Transferi.
    """
    vertical = (Y_hat[:, :, 1:, :] - Y_hat[:, :, :-1, :]).abs().mean()
    horizontal = (Y_hat[:, :, :, 1:] - Y_hat[:, :, :, :-1]).abs().mean()
    return 0.5 * (vertical + horizontal)


def compute_loss(X, contents_Y_hat, styles_Y_hat, contents_Y, styles_Y_gram, weights=WEIGHTS):
    """Return the weighted content and style terms, the TV term and the total loss.

    The style terms count 10 times in the total, as in the book.

    Defined in chapter 02, Sinir Stil Transferi.
    """
    w_content, w_style, w_tv = weights
    contents_l = [w_content * content_loss(Y_hat, Y)
                  for Y_hat, Y in zip(contents_Y_hat, contents_Y)]
    styles_l = [w_style * style_loss(Y_hat, G) for Y_hat, G in zip(styles_Y_hat, styles_Y_gram)]
    tv_l = w_tv * tv_loss(X)
    l = sum(contents_l) + 10 * sum(styles_l) + tv_l
    return contents_l, styles_l, tv_l, l


class SynthesizedImage(nn.Module):
    """The synthesized image as the model's only parameter.

    Defined in chapter 02, Sinir Stil Transferi.
    """

    def __init__(self, img_shape):
        super().__init__()
        self.weight = nn.Parameter(torch.zeros(img_shape))

    def forward(self):
        return self.weight


def get_inits(X, device, lr, styles_Y):
    """Return the image to train (a copy of ``X``), the style Gram matrices and an Adam optimizer.

    Defined in chapter 02, Sinir Stil Transferi.
    """
    gen_img = SynthesizedImage(X.shape).to(device)
    with torch.no_grad():
        gen_img.weight.copy_(X)
    trainer = torch.optim.Adam(gen_img.parameters(), lr=lr)
    styles_Y_gram = [gram(Y) for Y in styles_Y]
    return gen_img(), styles_Y_gram, trainer


def train(net, X, contents_Y, styles_Y, device, lr, num_epochs, lr_decay_epoch):
    """The book's loop: Adam on the image, lr x0.8 every ``lr_decay_epoch`` epochs.

    Draws the three losses every epoch, the current image every 10, and a progress
    bar; returns the image and, per epoch, the weighted losses before that
    epoch's step: [content, style (without the factor 10), TV, total].

    Defined in chapter 02, Sinir Stil Transferi.
    """
    X, styles_Y_gram, trainer = get_inits(X, device, lr, styles_Y)
    scheduler = torch.optim.lr_scheduler.StepLR(trainer, lr_decay_epoch, 0.8)
    animator = Animator(xlabel='dönem', ylabel='kayıp', xlim=[1, num_epochs], yscale='log',
                        legend=['içerik', 'stil', 'TV'], ncols=2, figsize=(7, 2.5))
    history = []
    for epoch in tqdm(range(num_epochs), desc='eğitim', unit='dönem'):
        trainer.zero_grad()
        contents_Y_hat, styles_Y_hat = extract_features(net, X, CONTENT_LAYERS, STYLE_LAYERS)
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
        animator.add(epoch + 1, history[-1][:3])
    return X, history


def optimize_image(net, gen_img, contents_Y, styles_Y_gram, num_evals, weights=WEIGHTS,
                   content_layers=CONTENT_LAYERS, style_layers=STYLE_LAYERS, callback=None):
    """Strong-Wolfe L-BFGS on the parameters of ``gen_img``, whose ``forward()`` is the image.

    The loop of ``train_lbfgs`` for any image module (the fast method's
    ``PyramidImage`` too): runs about ``num_evals`` loss evaluations, calls
    ``callback(X, history)`` after each and returns the image and, per
    evaluation, the weighted losses as in ``train``.
    """
    trainer = torch.optim.LBFGS(gen_img.parameters(), max_iter=num_evals, max_eval=num_evals,
                                line_search_fn='strong_wolfe')
    history = []

    def closure():
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


def train_lbfgs(net, X, contents_Y, styles_Y, num_steps, weights=WEIGHTS,
                content_layers=CONTENT_LAYERS, style_layers=STYLE_LAYERS, callback=None):
    """Strong-Wolfe L-BFGS on the image (Gatys et al.'s optimizer), ``num_steps`` evaluations.

    Calls ``callback(X, history)`` after every evaluation; returns the image and,
    per evaluation, the weighted losses as in ``train``. The chapter writes the
    loop out; here it is ``optimize_image``, which the fast method shares.

    Defined in chapter 02, Sinir Stil Transferi.
    """
    gen_img = SynthesizedImage(X.shape).to(X.device)
    with torch.no_grad():
        gen_img.weight.copy_(X)
    return optimize_image(net, gen_img, contents_Y, [gram(Y) for Y in styles_Y], num_steps,
                          weights, content_layers, style_layers, callback)
