import pytest
import torch
from torch import nn

import d2lmini as d2l


def blobs(n=400, seed=0):
    """Two well separated Gaussian blobs: any working trainer gets ~100%."""
    g = torch.Generator().manual_seed(seed)
    y = torch.randint(0, 2, (n,), generator=g)
    X = torch.randn(n, 2, generator=g) + 3 * y.unsqueeze(1).float()
    return X, y


class Recorder(nn.Sequential):
    def __init__(self):
        super().__init__(nn.Linear(2, 2))
        self.modes = set()

    def forward(self, X):
        self.modes.add(self.training)
        return super().forward(X)


def test_train_ch3_with_an_optimizer_learns_and_switches_modes(capsys):
    torch.manual_seed(0)
    X, y = blobs()
    net = Recorder()
    loss = nn.CrossEntropyLoss(reduction='none')
    train_loss, train_acc, test_acc = d2l.train_ch3(
        net, d2l.load_array((X, y), 32), d2l.load_array(blobs(seed=1), 64, is_train=False),
        loss, 5, torch.optim.SGD(net.parameters(), lr=0.1))
    assert train_loss < 0.2 and train_acc > 0.9 and test_acc > 0.9
    assert net.modes == {True, False}
    assert f'test doğruluğu {test_acc:.3f}' in capsys.readouterr().out


def test_train_ch3_with_a_scratch_updater_learns():
    torch.manual_seed(0)
    W = torch.normal(0, 0.01, (2, 2), requires_grad=True)
    b = torch.zeros(2, requires_grad=True)

    def net(X):
        return X @ W + b

    X, y = blobs()
    data = d2l.load_array((X, y), 32)
    loss = nn.CrossEntropyLoss(reduction='none')
    _, train_acc, test_acc = d2l.train_ch3(net, data, data, loss, 5,
                                           lambda n: d2l.sgd([W, b], 0.1, n))
    assert train_acc > 0.9 and test_acc > 0.9


def test_train_epoch_accepts_a_mean_loss():
    X, y = blobs()
    net = nn.Linear(2, 2)
    loss, acc = d2l.train_epoch_ch3(net, d2l.load_array((X, y), 50), nn.CrossEntropyLoss(),
                                    torch.optim.SGD(net.parameters(), lr=0.1))
    assert 0 < loss < 5 and 0 <= acc <= 1


def test_sgd_steps_against_the_gradient_and_clears_it():
    w = torch.tensor([1.0, -1.0], requires_grad=True)
    (w ** 2).sum().backward()  # gradient 2w
    d2l.sgd([w], lr=0.5, batch_size=2)
    assert torch.allclose(w.detach(), torch.tensor([0.5, -0.5]))
    assert torch.equal(w.grad, torch.zeros(2))


@pytest.mark.parametrize('bad', [0, 2.5, '5'])
def test_train_ch3_rejects_a_bad_number_of_epochs(bad):
    with pytest.raises(ValueError, match='num_epochs=10'):
        d2l.train_ch3(nn.Linear(2, 2), [], [], nn.CrossEntropyLoss(), bad, None)


class Counter(nn.Linear):
    def __init__(self):
        super().__init__(2, 2)
        self.calls = 0

    def forward(self, X):
        self.calls += 1
        return super().forward(X)


def test_a_nan_learning_rate_stops_at_the_first_nan_loss_naming_the_settings(capsys):
    torch.manual_seed(0)
    net = Counter()
    params = list(net.parameters())
    updater = torch.optim.SGD(params, lr=float('nan'))  # accepted by torch (d2l.sgd refuses it)
    data = d2l.load_array(blobs(), 32)
    with pytest.raises(FloatingPointError) as err:
        d2l.train_ch3(net, data, data, nn.CrossEntropyLoss(reduction='none'), 3, updater)
    assert net.calls == 2  # the first step made the weights nan; the second loss is nan
    tr, en = str(err.value).split('\n / ')
    assert 'nan' in tr and '2. minigrupta' in tr and 'Öğrenme oranını (lr)' in tr
    assert 'learning rate' in en and 'the data' in en and 'initialisation' in en
    assert 'eğitim kaybı' not in capsys.readouterr().out


def test_an_infinite_input_is_caught_at_its_minibatch():
    X, y = blobs()
    X[40] = float('inf')
    net = nn.Linear(2, 2)
    with pytest.raises(FloatingPointError, match=r'2\. minigrupta'):
        d2l.train_epoch_ch3(net, d2l.load_array((X, y), 32, is_train=False),
                            nn.CrossEntropyLoss(), torch.optim.SGD(net.parameters(), lr=0.1))
