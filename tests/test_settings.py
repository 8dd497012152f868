import os
import subprocess
import sys

import pytest


def read_setting(variable, value, expression):
    """What ``expression`` says after ``import d2lmini`` with ``variable`` set to ``value``."""
    env = {k: v for k, v in os.environ.items() if k != variable}
    if value is not None:
        env[variable] = value
    out = subprocess.run([sys.executable, '-c', f'import d2lmini; print({expression})'],
                         env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


@pytest.mark.slow
@pytest.mark.parametrize('value, expected', [('1', 'True'), ('0', 'False'), (None, 'False')])
def test_quick_mode_is_read_from_the_environment(value, expected):
    assert read_setting('D2LMINI_QUICK', value, 'd2lmini.QUICK') == expected


@pytest.mark.slow
@pytest.mark.parametrize('value, expected', [('1', '1'), ('0', '0'), ('auto', 'auto'),
                                             (None, 'auto')])
def test_the_bf16_switch_is_read_from_the_environment(value, expected):
    assert read_setting('D2LMINI_BF16', value, 'd2lmini.settings.BF16') == expected


def test_a_bad_bf16_value_is_refused_in_both_languages():
    env = {**os.environ, 'D2LMINI_BF16': 'yes'}
    out = subprocess.run([sys.executable, '-c', 'import d2lmini'], env=env, capture_output=True,
                         text=True)
    assert out.returncode != 0
    assert "D2LMINI_BF16 '1', '0' ya da 'auto' olmalı, 'yes' verildi" in out.stderr
    assert "must be '1', '0' or 'auto', got 'yes'" in out.stderr
