import numpy as np
import torch

import d2lmini as d2l


def test_tensor_shorthands_behave_like_torch():
    x = d2l.tensor([[1.0, -2.0], [3.0, 4.0]])
    assert torch.equal(d2l.abs(x), torch.tensor([[1.0, 2.0], [3.0, 4.0]]))
    assert torch.equal(d2l.matmul(x, x), x @ x)
    assert d2l.reshape(x, (4,)).shape == (4,)
    assert d2l.reshape(x, 1, 4).shape == (1, 4)
    assert d2l.size(x) == 4
    assert d2l.normal(0.0, 1, (1000, 2)).shape == (1000, 2)


def test_numpy_detaches_and_moves_to_cpu():
    x = torch.ones(3, requires_grad=True) * 2
    out = d2l.numpy(x)
    assert isinstance(out, np.ndarray) and out.tolist() == [2.0, 2.0, 2.0]


def test_image_is_pil():
    assert d2l.Image.new('RGB', (2, 3)).size == (2, 3)
