"""Course-wide switches read from the environment, in one place.

``D2LMINI_QUICK=1`` turns on quick mode: the notebooks shrink epochs, image
sizes and sample counts so that CI can re-execute them in seconds. It is off
by default, so a student always gets the full-fidelity chapter.

``D2LMINI_BF16`` sets the precision of the VGG's layers in the fast style-transfer
method (``d2lmini.fast_transfer``): ``1`` bfloat16, ``0`` float32 (the
numbers of a plain float32 run, bit for bit), ``auto`` (the default) bfloat16 on
a CPU that computes it natively and float32 elsewhere. Gram matrices, losses and
the image stay in float32 in every case.
"""
import os

from .errors import bilingual

QUICK = os.environ.get('D2LMINI_QUICK', '0') == '1'

BF16 = os.environ.get('D2LMINI_BF16', 'auto')
if BF16 not in ('auto', '0', '1'):
    raise ValueError(bilingual(
        f"D2LMINI_BF16 '1', '0' ya da 'auto' olmalı, {BF16!r} verildi; değişkeni düzeltin ya da "
        'silin.', f"D2LMINI_BF16 must be '1', '0' or 'auto', got {BF16!r}; fix or unset it."))
