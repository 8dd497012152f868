import os
import subprocess
import sys

import pytest

# (value of the variable, None for unset; what d2lmini then says)
QUICK = [('1', 'True'), ('0', 'False'), (None, 'False')]
BF16 = [('1', '1'), ('0', '0'), ('auto', 'auto'), (None, 'auto')]
READ = {'D2LMINI_QUICK': 'd2lmini.QUICK', 'D2LMINI_BF16': 'd2lmini.settings.BF16'}


def read_setting(variable, value):
    """A fresh Python that prints what d2lmini's setting says after ``import d2lmini`` with
    ``variable`` set to ``value`` (started, not waited for)."""
    env = {k: v for k, v in os.environ.items() if k != variable}
    if value is not None:
        env[variable] = value
    return subprocess.Popen([sys.executable, '-c', f'import d2lmini; print({READ[variable]})'],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.fixture(scope='module')
def settings_read():
    """``{(variable, value): what it printed}`` for every case below. Each case imports d2lmini,
    and with it PyTorch, in a fresh Python (seconds each): they are started all at once."""
    started = {(variable, value): read_setting(variable, value)
               for variable, cases in (('D2LMINI_QUICK', QUICK), ('D2LMINI_BF16', BF16))
               for value, _ in cases}
    printed = {}
    for case, process in started.items():
        out, err = process.communicate()
        assert process.returncode == 0, f'{case}: {err}'
        printed[case] = out.strip()
    return printed


@pytest.mark.slow
@pytest.mark.parametrize('value, expected', QUICK)
def test_quick_mode_is_read_from_the_environment(settings_read, value, expected):
    assert settings_read['D2LMINI_QUICK', value] == expected


@pytest.mark.slow
@pytest.mark.parametrize('value, expected', BF16)
def test_the_bf16_switch_is_read_from_the_environment(settings_read, value, expected):
    assert settings_read['D2LMINI_BF16', value] == expected


def test_a_bad_bf16_value_is_refused_in_both_languages():
    env = {**os.environ, 'D2LMINI_BF16': 'yes'}
    out = subprocess.run([sys.executable, '-c', 'import d2lmini'], env=env, capture_output=True,
                         text=True)
    assert out.returncode != 0
    assert "D2LMINI_BF16 '1', '0' ya da 'auto' olmalı, 'yes' verildi" in out.stderr
    assert "must be '1', '0' or 'auto', got 'yes'" in out.stderr
