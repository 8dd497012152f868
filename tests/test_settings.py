import os
import subprocess
import sys

import pytest


@pytest.mark.slow
@pytest.mark.parametrize('value, expected', [('1', 'True'), ('0', 'False'), (None, 'False')])
def test_quick_mode_is_read_from_the_environment(value, expected):
    env = {k: v for k, v in os.environ.items() if k != 'D2LMINI_QUICK'}
    if value is not None:
        env['D2LMINI_QUICK'] = value
    out = subprocess.run([sys.executable, '-c', 'import d2lmini; print(d2lmini.QUICK)'],
                         env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == expected
