import gzip
import struct

import numpy as np
import pytest
import torch

import d2lmini as d2l
from d2lmini import fashion_mnist as fm

NAMES = [name for images, labels, _ in fm.FILES.values() for name in (images, labels)]
needs_debian_data = pytest.mark.skipif(
    not fm._has_all_files(fm.DEBIAN_DIR),
    reason='apt install dataset-fashion-mnist (CI installs it)')


def make_folder(path):
    """A folder that holds (empty) files of every expected name."""
    path.mkdir(parents=True, exist_ok=True)
    for name in NAMES:
        (path / (name + '.gz')).write_bytes(b'')
    return path


def idx_bytes(magic, dims, payload):
    return struct.pack(f'>{1 + len(dims)}I', magic, *dims) + payload


@pytest.fixture
def no_sources(monkeypatch, tmp_path):
    """No Debian folder, an empty cache and a download that fails."""
    monkeypatch.delenv('D2LMINI_DATA_DIR', raising=False)
    monkeypatch.setattr(fm, 'DEBIAN_DIR', tmp_path / 'debian')
    monkeypatch.setattr(fm, 'CACHE_DIR', tmp_path / 'cache')
    monkeypatch.setattr(fm, '_download', lambda folder: 'URLError: no network')
    return tmp_path


@needs_debian_data
def test_batches_have_the_documented_shapes_and_types():
    train_iter, test_iter = d2l.load_data_fashion_mnist(256)
    X, y = next(iter(train_iter))
    assert X.shape == (256, 1, 28, 28) and X.dtype == torch.float32
    assert 0 <= float(X.min()) and float(X.max()) <= 1
    assert y.dtype == torch.int64 and set(y.tolist()) <= set(range(10))
    assert len(train_iter) == 235 and len(test_iter) == 40
    assert sum(len(yb) for _, yb in test_iter) == 10000


@needs_debian_data
def test_resize_changes_the_image_size():
    train_iter, _ = d2l.load_data_fashion_mnist(8, resize=64)
    X, _ = next(iter(train_iter))
    assert X.shape == (8, 1, 64, 64)


@needs_debian_data
def test_test_set_is_ordered_and_train_set_shuffled():
    train_iter, test_iter = d2l.load_data_fashion_mnist(1000)
    assert torch.equal(next(iter(test_iter))[1], next(iter(test_iter))[1])
    assert not torch.equal(next(iter(train_iter))[1], next(iter(train_iter))[1])


def test_labels_in_turkish_and_english():
    assert d2l.get_fashion_mnist_labels([0, 9]) == ['tişört', 'bot']
    assert d2l.get_fashion_mnist_labels(torch.tensor([7, 1]), lang='en') == ['sneaker', 'trouser']


def test_explicit_argument_comes_first(no_sources, monkeypatch):
    arg, env = make_folder(no_sources / 'arg'), make_folder(no_sources / 'env')
    make_folder(no_sources / 'debian')
    monkeypatch.setenv('D2LMINI_DATA_DIR', str(env))
    assert fm.find_fashion_mnist(arg) == arg


def test_environment_variable_comes_before_debian(no_sources, monkeypatch):
    env = make_folder(no_sources / 'env')
    make_folder(no_sources / 'debian')
    monkeypatch.setenv('D2LMINI_DATA_DIR', str(env))
    assert fm.find_fashion_mnist() == env


def test_incomplete_explicit_folder_warns_and_falls_back_to_debian(no_sources):
    partial = no_sources / 'partial'
    partial.mkdir()
    (partial / 'train-images-idx3-ubyte.gz').write_bytes(b'')
    debian = make_folder(no_sources / 'debian')
    with pytest.warns(UserWarning, match='not found in'):
        assert fm.find_fashion_mnist(partial) == debian


def test_torchvision_layout_and_uncompressed_files_are_found(no_sources):
    raw = no_sources / 'tv' / 'FashionMNIST' / 'raw'
    raw.mkdir(parents=True)
    for name in NAMES:
        (raw / name).write_bytes(b'')
    assert fm.find_fashion_mnist(no_sources / 'tv') == no_sources / 'tv'


def test_download_is_the_last_resort(no_sources, monkeypatch):
    calls = []

    def fake_download(folder):
        calls.append(folder)
        make_folder(folder)

    monkeypatch.setattr(fm, '_download', fake_download)
    assert fm.find_fashion_mnist() == no_sources / 'cache'
    assert calls == [no_sources / 'cache']


def test_no_source_gives_one_error_naming_every_way(no_sources):
    with pytest.raises(fm.DataError) as info, pytest.warns(UserWarning, match='mine'):
        d2l.load_data_fashion_mnist(256, root=no_sources / 'mine')
    message = str(info.value)
    for expected in ['mine', 'debian', 'cache', 'no network', 'apt install dataset-fashion-mnist',
                     'D2LMINI_DATA_DIR', 'internet']:
        assert expected in message


def test_truncated_gzip_is_reported(tmp_path):
    path = tmp_path / 'train-labels-idx1-ubyte.gz'
    path.write_bytes(gzip.compress(idx_bytes(0x801, [100], bytes(100)))[:-12])
    with pytest.raises(fm.DataError, match='train-labels-idx1-ubyte.gz'):
        fm._read_idx(path, 0x801, ())


def test_wrong_header_is_reported(tmp_path):
    path = tmp_path / 'train-images-idx3-ubyte'
    path.write_bytes(idx_bytes(0x803, [2, 32, 32], bytes(2 * 32 * 32)))
    with pytest.raises(fm.DataError, match='IDX'):
        fm._read_idx(path, 0x803, (28, 28))


def test_missing_bytes_are_reported(tmp_path):
    path = tmp_path / 't10k-labels-idx1-ubyte'
    path.write_bytes(idx_bytes(0x801, [10], bytes(9)))
    with pytest.raises(fm.DataError, match='truncated or corrupt'):
        fm._read_idx(path, 0x801, ())


def test_valid_idx_file_is_parsed(tmp_path):
    path = tmp_path / 'labels.gz'
    path.write_bytes(gzip.compress(idx_bytes(0x801, [3], bytes([7, 0, 9]))))
    assert fm._read_idx(path, 0x801, ()).tolist() == [7, 0, 9]


def test_wrong_number_of_examples_is_reported(tmp_path):
    folder = tmp_path / 'small'
    folder.mkdir()
    for name in NAMES:
        if 'images' in name:
            data = idx_bytes(0x803, [5, 28, 28], bytes(5 * 784))
        else:
            data = idx_bytes(0x801, [5], bytes(5))
        (folder / (name + '.gz')).write_bytes(gzip.compress(data))
    with pytest.raises(fm.DataError, match='expected 60000 train examples'):
        d2l.load_data_fashion_mnist(8, root=folder)


@needs_debian_data
def test_editing_a_test_batch_does_not_change_the_next_load():
    _, test_iter = d2l.load_data_fashion_mnist(256)
    X, y = next(iter(test_iter))
    original = X.clone()
    X -= 0.5
    y += 1
    X2, y2 = next(iter(d2l.load_data_fashion_mnist(256)[1]))
    assert torch.equal(X2, original) and float(X2.min()) >= 0
    assert torch.equal(y2 + 1, y)


@needs_debian_data
def test_numpy_integers_are_accepted_as_batch_size_and_resize():
    train_iter, _ = d2l.load_data_fashion_mnist(np.int64(16), resize=np.int32(32))
    X, y = next(iter(train_iter))
    assert X.shape == (16, 1, 32, 32) and len(y) == 16


@pytest.mark.parametrize('resize', [0, -3, 2.5, (32,), (32, 0)])
def test_bad_resize_is_rejected_when_the_loader_is_made(no_sources, resize):
    # no data set anywhere: the check comes before any search or download
    with pytest.raises(ValueError, match='resize') as err:
        d2l.load_data_fashion_mnist(8, resize=resize)
    assert 'resize=64' in str(err.value)


@pytest.mark.parametrize('batch_size', [0, -1, 2.5, '256'])
def test_bad_batch_size_is_rejected_before_looking_for_the_data(no_sources, batch_size):
    with pytest.raises(ValueError, match='batch_size=256'):
        d2l.load_data_fashion_mnist(batch_size)


def test_labels_outside_0_to_9_and_unknown_languages_are_rejected():
    with pytest.raises(ValueError, match=r'0-9.*\[-1, 10\]'):
        d2l.get_fashion_mnist_labels([3, -1, 10])  # -1 used to give 'bot'
    with pytest.raises(ValueError, match="'tr' or 'en'"):
        d2l.get_fashion_mnist_labels([3], lang='de')
