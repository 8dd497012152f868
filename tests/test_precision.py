"""Chapter 02 runs top to bottom, its own checks passing, in the precision of the fast method's VGG
that nbval's run does not use (``D2LMINI_BF16``; issue 24): nbval runs it in the precision this
machine picks, so both float32 and bfloat16 are executed once per run of the suite."""
from pathlib import Path

import nbformat
import pytest

from tools.runner import execute_in_its_folder

CHAPTER = Path(__file__).parents[1] / 'notebooks' / '02-sinir-stil-transferi.ipynb'


@pytest.mark.slow
def test_chapter_02_runs_in_the_other_precision():
    import d2lmini as d2l
    from d2lmini.fast_transfer import use_bf16
    # the kernels of nbval and of this test inherit this process's environment, hence its choice
    other = '0' if use_bf16(d2l.try_gpu()) else '1'
    nb = nbformat.read(CHAPTER, as_version=4)
    execute_in_its_folder(nb, CHAPTER, quick=True, env={'D2LMINI_BF16': other},
                          timeout=600)  # raises at a failing cell
