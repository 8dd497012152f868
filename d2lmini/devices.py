"""Pick the device to compute on: CUDA first, then Apple MPS, then the CPU."""
import torch

from .errors import int_at_least


def cpu():
    """Return the CPU device."""
    return torch.device('cpu')


def num_gpus():
    """Return the number of CUDA GPUs."""
    return torch.cuda.device_count()


def _mps_available():
    mps = getattr(torch.backends, 'mps', None)
    return mps is not None and mps.is_available()


def try_gpu(i=0):
    """Return GPU ``i`` if it exists, else Apple's MPS device, else the CPU."""
    i = int_at_least(i, 0, 'i', 0)
    if num_gpus() >= i + 1:
        return torch.device(f'cuda:{i}')
    if i == 0 and _mps_available():
        return torch.device('mps')
    return cpu()


def device_of(net):
    """Return the device of the first parameter of ``net``; the CPU for a function."""
    params = net.parameters() if isinstance(net, torch.nn.Module) else []
    return next(iter(params), torch.empty(0)).device


def try_all_gpus():
    """Return every CUDA GPU, or ``[try_gpu()]`` when there is none."""
    gpus = [torch.device(f'cuda:{i}') for i in range(num_gpus())]
    return gpus if gpus else [try_gpu()]
