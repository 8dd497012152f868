"""The one format of every core module's errors (``d2lmini.errors.bilingual``): Turkish, then
English, then details; and the checks that build them."""
import numpy as np
import pytest
import torch

from d2lmini.errors import bilingual, int_at_least, int_between, number_between


def test_bilingual_puts_turkish_first_then_english_then_details():
    message = bilingual('Türkçe. Yapın.', 'English. Do it.', 'tried:\n  - /a/b')
    assert message == 'Türkçe. Yapın.\n / English. Do it.\ntried:\n  - /a/b'
    assert message.split(' / ')[0].strip() == 'Türkçe. Yapın.'
    assert bilingual('tr', 'en') == 'tr\n / en'


@pytest.mark.parametrize('value', [1, 256, np.int64(256), torch.tensor(3)])
def test_int_at_least_accepts_integers_of_any_library(value):
    assert int_at_least(value, 1, 'batch_size', 256) == int(value)
    assert type(int_at_least(value, 1, 'batch_size', 256)) is int


@pytest.mark.parametrize('value', [0, -1, 2.5, '8', True, None])
def test_int_at_least_names_the_setting_and_a_good_value(value):
    with pytest.raises(ValueError) as err:
        int_at_least(value, 1, 'batch_size', 256)
    tr, en = str(err.value).split('\n / ')
    assert 'batch_size=256' in tr and 'tam sayı' in tr
    assert 'batch_size=256' in en and 'integer' in en


@pytest.mark.parametrize('value', [0, 6, 2.0, True])
def test_int_between_names_the_range(value):
    with pytest.raises(ValueError, match='1 ile 5 arasında .* Örneğin k=2'):
        int_between(value, 1, 5, 'k', 2)
    assert int_between(np.int64(5), 1, 5, 'k', 2) == 5


@pytest.mark.parametrize('value', [-0.1, 0.96, float('nan'), '0.5', True])
def test_number_between_names_the_range(value):
    with pytest.raises(ValueError, match='0 ile 0.95 arasında .* Örneğin p=0.5'):
        number_between(value, 0, 0.95, 'p', 0.5)
    assert number_between(np.float32(0.25), 0, 0.95, 'p', 0.5) == 0.25


def every_core_error():
    """One bad call into each core module that checks its input."""
    import d2lmini as d2l
    from torch import nn
    yield lambda: d2l.load_array(torch.zeros(4, 2), 2)
    yield lambda: d2l.load_array((torch.zeros(4), torch.zeros(5)), 2)
    yield lambda: d2l.load_data_fashion_mnist(256, resize=0)
    yield lambda: d2l.get_fashion_mnist_labels([11])
    yield lambda: d2l.load_image('/no/such/file.png')
    yield lambda: d2l.Accumulator(2).add(1)
    yield lambda: d2l.accuracy(torch.zeros(4, 3), torch.zeros(4, 3))
    yield lambda: d2l.Animator().add(1, [torch.ones(2)])
    yield lambda: d2l.train_ch3(nn.Linear(2, 2), [], [], nn.CrossEntropyLoss(), 0, None)
    yield lambda: d2l.require_version('abc')
    yield lambda: d2l.require_version('99.0')
    yield lambda: d2l.try_gpu(-1)


@pytest.mark.parametrize('bad_call', list(every_core_error()))
def test_core_errors_are_turkish_then_english(bad_call):
    with pytest.raises(Exception) as err:
        bad_call()
    message = str(err.value)
    assert message.count('\n / ') == 1
    tr, en = message.split('\n / ')
    assert ' / ' not in tr and len(tr) > 20 and len(en) > 20
    assert any(c in tr for c in 'çğıöşüÇĞİÖŞÜ')  # Turkish letters in the first part
    assert not any(c in en.split('\n')[0] for c in 'ğışĞİŞ')  # none in the English line
