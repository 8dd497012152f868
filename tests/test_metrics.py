from types import SimpleNamespace

import pytest
import torch
from torch import nn

import d2lmini as d2l


def test_accumulator_adds_resets_and_indexes():
    acc = d2l.Accumulator(3)
    acc.add(1, 2.5, torch.tensor(3))
    acc.add(1, 0.5, 4)
    assert [acc[0], acc[1], acc[2]] == [2.0, 3.0, 7.0]
    assert acc[0:2] == [2.0, 3.0]
    acc.reset()
    assert acc.data == [0.0, 0.0, 0.0]


def test_accumulator_takes_tensors_that_track_gradients_silently(recwarn):
    w = torch.ones(2, requires_grad=True)
    acc = d2l.Accumulator(1)
    acc.add((w * 3).sum())
    assert acc[0] == 6.0
    assert len(recwarn) == 0


def test_accumulator_rejects_wrong_number_of_values():
    with pytest.raises(ValueError, match='needs 2 values, got 3'):
        d2l.Accumulator(2).add(1, 2, 3)


def test_timer_records_avg_sum_cumsum(monkeypatch):
    readings = iter([100.0, 100.25, 101.0, 101.5])  # a fake clock: perf_counter's readings
    monkeypatch.setattr(d2l.metrics, 'time', SimpleNamespace(perf_counter=lambda: next(readings)))
    timer = d2l.Timer()  # starts at 100.0
    assert timer.stop() == 0.25
    timer.start()  # the 0.75 s between stop and start is not counted
    assert timer.stop() == 0.5
    assert timer.times == [0.25, 0.5]
    assert timer.sum() == 0.75
    assert timer.avg() == 0.375
    assert timer.cumsum() == [0.25, 0.75]


def test_accuracy_counts_correct_predictions():
    logits = torch.tensor([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])
    assert d2l.accuracy(logits, torch.tensor([1, 0, 0])) == 2.0
    assert d2l.accuracy(torch.tensor([1, 1]), torch.tensor([1, 0])) == 1.0


class ModeRecorder(nn.Module):
    """Predicts class 0 always and remembers the mode of each forward."""

    def __init__(self):
        super().__init__()
        self.w = nn.Parameter(torch.zeros(1))
        self.modes = []

    def forward(self, X):
        self.modes.append(self.training)
        return torch.stack([torch.ones(len(X)), torch.zeros(len(X))], 1) + self.w


def test_evaluate_accuracy_uses_eval_mode_and_all_examples():
    net = ModeRecorder()
    X, y = torch.zeros(10, 2), torch.tensor([0] * 7 + [1] * 3)
    acc = d2l.evaluate_accuracy(net, d2l.load_array((X, y), 4, is_train=False))
    assert acc == pytest.approx(0.7)
    assert net.modes == [False, False, False]


def test_accuracy_with_labels_of_shape_b_by_1_counts_each_example_once():
    torch.manual_seed(0)
    y_hat, y = torch.randn(100, 10), torch.randint(0, 10, (100, 1))
    correct = d2l.accuracy(y_hat, y)
    assert correct == d2l.accuracy(y_hat, y.squeeze(1)) <= 100
    assert correct == float((y_hat.argmax(dim=1) == y[:, 0]).sum())
    assert d2l.accuracy(torch.tensor([[1], [0]]), torch.tensor([1, 1])) == 1.0


def test_evaluate_accuracy_with_labels_of_shape_b_by_1_stays_a_fraction():
    X, y = torch.zeros(10, 2), torch.tensor([0] * 7 + [1] * 3).reshape(10, 1)
    acc = d2l.evaluate_accuracy(ModeRecorder(), d2l.load_array((X, y), 4, is_train=False))
    assert acc == pytest.approx(0.7)


def test_accuracy_rejects_one_hot_labels_clearly():
    y_hat, y = torch.randn(8, 10), torch.nn.functional.one_hot(torch.arange(8), 10)
    with pytest.raises(ValueError, match=r'8 predictions but 80 labels') as err:
        d2l.accuracy(y_hat, y)
    assert 'y.argmax(dim=1)' in str(err.value) and '8 tahmin' in str(err.value)
