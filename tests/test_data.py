import numpy as np
import pytest
import torch

import d2lmini as d2l


def test_load_array_batches_cover_everything_with_a_short_last_batch():
    X, y = torch.arange(10.).reshape(5, 2), torch.arange(5)
    batches = list(d2l.load_array((X, y), 2, is_train=False))
    assert [len(b[1]) for b in batches] == [2, 2, 1]
    assert torch.equal(torch.cat([b[0] for b in batches]), X)
    assert len(d2l.load_array((X, y), 2)) == 3


def test_load_array_shuffles_each_epoch_when_training():
    torch.manual_seed(0)
    data = d2l.load_array((torch.arange(100),), 10)
    first = torch.cat([b for (b,) in data])
    second = torch.cat([b for (b,) in data])
    assert sorted(first.tolist()) == list(range(100))
    assert not torch.equal(first, torch.arange(100))
    assert not torch.equal(first, second)


def test_load_array_keeps_pairs_together_when_shuffling():
    X = torch.arange(50)
    for Xb, yb in d2l.load_array((X, X * 10), 7):
        assert torch.equal(yb, Xb * 10)


def test_load_array_accepts_numpy_and_lists():
    (batch,) = next(iter(d2l.load_array(([[1, 2], [3, 4]],), 2, is_train=False)))
    assert batch.shape == (2, 2)


@pytest.mark.parametrize('bad', [0, -1, 2.5])
def test_load_array_rejects_bad_batch_size(bad):
    with pytest.raises(ValueError, match='batch_size'):
        d2l.load_array((torch.zeros(4),), bad)


def test_load_array_rejects_tensors_of_different_lengths():
    with pytest.raises(ValueError, match='same length'):
        d2l.load_array((torch.zeros(4), torch.zeros(5)), 2)


def test_changing_a_batch_in_place_leaves_the_data_alone():
    X = torch.arange(10.)
    for is_train in (False, True):
        for (batch,) in d2l.load_array((X,), 4, is_train=is_train):
            batch -= 100
    assert torch.equal(X, torch.arange(10.))


@pytest.mark.parametrize('not_a_tuple', [torch.randn(100, 3), torch.randn(100, 3).numpy()])
def test_load_array_without_the_tuple_says_to_pass_one(not_a_tuple):
    with pytest.raises(TypeError, match=r'load_array\(\(X, y\), batch_size\)') as err:
        d2l.load_array(not_a_tuple, 10)
    assert 'demet' in str(err.value) and 'needs a tuple' in str(err.value)


@pytest.mark.parametrize('bad', [(), (torch.tensor(3.0),)])
def test_load_array_needs_rows(bad):
    with pytest.raises(ValueError, match='one row per example'):
        d2l.load_array(bad, 2)


def test_load_array_accepts_numpy_integers_as_batch_size():
    data = d2l.load_array((torch.arange(10),), np.int64(4), is_train=False)
    assert [len(b) for (b,) in data] == [4, 4, 2]
