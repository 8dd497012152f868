"""The version handshake between the notebooks and the installed ``d2lmini``."""
__version__ = '0.2.0'


def require_version(wanted):
    """Stop with a Turkish how-to-update message unless ``d2lmini`` is release ``wanted``.

    ``wanted`` is the ``major.minor`` a notebook was written for, such as ``'0.2'``.
    """
    installed = '.'.join(__version__.split('.')[:2])
    if installed == wanted:
        return
    if tuple(map(int, installed.split('.'))) < tuple(map(int, wanted.split('.'))):
        how = ('Depo kökünde `pip install -e .` (ya da `bash scripts/install.sh`) çalıştırıp '
               'çekirdeği yeniden başlatın.')
    else:
        how = 'Defterlerin yeni sürümünü alın (`git pull`), sonra çekirdeği yeniden başlatın.'
    raise ImportError(
        f'Bu defter d2lmini {wanted} için yazıldı, kurulu olan ise {__version__}. {how}\n'
        f'This notebook needs d2lmini {wanted}, but {__version__} is installed.')
