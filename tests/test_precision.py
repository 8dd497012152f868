"""Chapter 02 runs top to bottom, its own checks passing, with the fast method's VGG in float32 and
in bfloat16, whatever this CPU would choose (``D2LMINI_BF16``; issue 24)."""
from pathlib import Path

import nbformat
import pytest

from d2lmini.tools.runner import execute_in_its_folder

CHAPTER = Path(__file__).parents[1] / 'notebooks' / '02-sinir-stil-transferi.ipynb'


@pytest.mark.slow
@pytest.mark.parametrize('bf16', ['0', '1'])
def test_chapter_02_runs_in_each_precision(bf16, monkeypatch):
    monkeypatch.setenv('D2LMINI_BF16', bf16)  # the kernel inherits it
    nb = nbformat.read(CHAPTER, as_version=4)
    execute_in_its_folder(nb, CHAPTER, quick=True, timeout=600)  # raises at a failing cell
