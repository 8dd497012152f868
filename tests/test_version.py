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
