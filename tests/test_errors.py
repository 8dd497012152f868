import numpy as np
import pytest
import torch

from d2lmini.errors import bilingual, int_at_least


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
