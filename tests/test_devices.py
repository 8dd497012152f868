import numpy as np
import pytest
import torch

import d2lmini as d2l
from d2lmini import devices


def test_cpu_and_fallback_without_accelerators(monkeypatch):
    monkeypatch.setattr(torch.cuda, 'device_count', lambda: 0)
    monkeypatch.setattr(devices, '_mps_available', lambda: False)
    assert d2l.cpu() == torch.device('cpu')
    assert d2l.num_gpus() == 0
    assert d2l.try_gpu() == torch.device('cpu')
    assert d2l.try_gpu(3) == torch.device('cpu')
    assert d2l.try_all_gpus() == [torch.device('cpu')]


def test_apple_mps_comes_after_cuda(monkeypatch):
    monkeypatch.setattr(torch.cuda, 'device_count', lambda: 0)
    monkeypatch.setattr(devices, '_mps_available', lambda: True)
    assert d2l.try_gpu() == torch.device('mps')
    assert d2l.try_gpu(1) == torch.device('cpu')


def test_cuda_is_preferred_and_indexed(monkeypatch):
    monkeypatch.setattr(torch.cuda, 'device_count', lambda: 2)
    monkeypatch.setattr(devices, '_mps_available', lambda: True)
    assert d2l.try_gpu() == torch.device('cuda:0')
    assert d2l.try_gpu(1) == torch.device('cuda:1')
    assert d2l.try_gpu(2) == torch.device('cpu')
    assert d2l.try_all_gpus() == [torch.device('cuda:0'), torch.device('cuda:1')]


def test_real_device_is_usable():
    assert torch.ones(2, device=d2l.try_gpu()).sum().item() == 2


@pytest.mark.parametrize('bad', [-1, 0.5, 'cuda'])
def test_a_bad_gpu_number_is_named(bad):
    with pytest.raises(ValueError, match=r'i=0'):
        d2l.try_gpu(bad)


def test_numpy_gpu_numbers_are_accepted(monkeypatch):
    monkeypatch.setattr(torch.cuda, 'device_count', lambda: 2)
    assert d2l.try_gpu(np.int64(1)) == torch.device('cuda:1')
