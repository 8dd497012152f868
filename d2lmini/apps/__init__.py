"""The chapters' classroom demos: each function builds one ipywidgets app and returns it.

Each app's module is imported when its function is first used, so a page that shows one
app does not load the others' libraries (the style studio's torchvision).
"""
import importlib

_MODULES = {'dropout_demo': 'dropout', 'show_dropout': 'dropout', 'gan_demo': 'gan',
            'style_transfer_demo': 'style_transfer'}
__all__ = list(_MODULES)


def __getattr__(name):
    """Import the module of an app function on first use and return the function."""
    if name not in _MODULES:
        raise AttributeError(f'module {__name__!r} has no attribute {name!r}')
    return getattr(importlib.import_module(f'.{_MODULES[name]}', __name__), name)
