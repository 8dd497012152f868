"""The version handshake between the notebooks and the installed ``d2lmini``."""
from .errors import bilingual

__version__ = '0.2.0'


def require_version(wanted):
    """Stop with a Turkish how-to-update message unless ``d2lmini`` is release ``wanted``.

    ``wanted`` is the ``major.minor`` a notebook was written for, such as ``'0.2'``.
    """
    installed = '.'.join(__version__.split('.')[:2])
    if installed == wanted:
        return
    if tuple(map(int, installed.split('.'))) < tuple(map(int, wanted.split('.'))):
        how_tr = ('Depo kökünde `pip install -e .` (ya da `bash scripts/install.sh`) '
                  'çalıştırıp çekirdeği yeniden başlatın.')
        how_en = ('Run `pip install -e .` (or `bash scripts/install.sh`) at the repository '
                  'root and restart the kernel.')
    else:
        how_tr = 'Defterlerin yeni sürümünü alın (`git pull`), sonra çekirdeği yeniden başlatın.'
        how_en = 'Get the new version of the notebooks (`git pull`), then restart the kernel.'
    raise ImportError(bilingual(
        f'Bu defter d2lmini {wanted} için yazıldı, kurulu olan ise {__version__}. {how_tr}',
        f'This notebook needs d2lmini {wanted}, but {__version__} is installed. {how_en}'))
