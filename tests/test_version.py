import pytest

import d2lmini as d2l


def test_the_installed_release_passes():
    major_minor = '.'.join(d2l.__version__.split('.')[:2])
    d2l.require_version(major_minor)


@pytest.mark.parametrize('wanted, advice', [('99.0', 'pip install -e .'), ('0.0', 'git pull')])
def test_a_mismatch_says_in_turkish_how_to_update(wanted, advice):
    with pytest.raises(ImportError, match='Bu defter d2lmini') as err:
        d2l.require_version(wanted)
    assert advice in str(err.value) and d2l.__version__ in str(err.value)


@pytest.mark.parametrize('wanted', ['0.2.0', '0.2 ', ' 0.2'])
def test_the_installed_release_written_otherwise_passes(wanted):
    d2l.require_version(wanted)


def test_a_newer_patch_than_installed_asks_to_update():
    with pytest.raises(ImportError, match='pip install -e .'):
        d2l.require_version('0.2.99')


@pytest.mark.parametrize('wanted', ['abc', '', '0', '0.2.0.1', 'v0.2', 0.2, None])
def test_a_malformed_version_is_named_with_an_example(wanted):
    with pytest.raises(ValueError) as err:
        d2l.require_version(wanted)
    tr, en = str(err.value).split('\n / ')
    assert repr(wanted) in tr and "'0.2'" in tr and "'0.2'" in en
