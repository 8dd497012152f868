"""The version handshake between the notebooks and the installed ``d2lmini``."""
import re

from .errors import bilingual

__version__ = '0.2.0'


def _parts(version):
    """``'0.2'`` -> (0, 2), ``' 0.2.1 '`` -> (0, 2, 1); None for anything else."""
    match = re.fullmatch(r'(\d+)\.(\d+)(?:\.(\d+))?', version.strip())
    return tuple(int(p) for p in match.groups() if p is not None) if match else None


def require_version(wanted):
    """Stop with a how-to-update message unless ``d2lmini`` is release ``wanted``.

    ``wanted`` is the ``'major.minor'`` a notebook was written for, such as
    ``'0.2'``; any ``0.2.x`` passes it. A full ``'0.2.1'`` also asks for at
    least that patch.
    """
    want = _parts(wanted) if isinstance(wanted, str) else None
    if want is None:
        raise ValueError(bilingual(
            f"require_version bir sürüm bekliyor, örneğin '0.2'; {wanted!r} verildi. Sürümü "
            "tırnak içinde 'büyük.küçük' biçiminde yazın.",
            f"require_version needs a version such as '0.2', got {wanted!r}. Write it in "
            "quotes as 'major.minor'."))
    have = _parts(__version__)
    if have[:2] == want[:2] and have[2:] >= want[2:]:
        return
    if have < want:
        how_tr = ('Depo kökünde `pip install -e .` (ya da `bash scripts/install.sh`) '
                  'çalıştırıp çekirdeği yeniden başlatın.')
        how_en = ('Run `pip install -e .` (or `bash scripts/install.sh`) at the repository '
                  'root and restart the kernel.')
    else:
        how_tr = 'Defterlerin yeni sürümünü alın (`git pull`), sonra çekirdeği yeniden başlatın.'
        how_en = 'Get the new version of the notebooks (`git pull`), then restart the kernel.'
    wanted = wanted.strip()
    raise ImportError(bilingual(
        f'Bu defter d2lmini {wanted} için yazıldı, kurulu olan ise {__version__}. {how_tr}',
        f'This notebook needs d2lmini {wanted}, but {__version__} is installed. {how_en}'))
