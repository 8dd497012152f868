"""The course's one format for error messages, and the checks that raise them.

Every error d2lmini's core modules raise for bad input reads::

    <Türkçe: ne yanlış. Ne yapılmalı.>
     / <English: what is wrong. What to do.>
    <optional lines that need no translation: paths, commands, lists>

Turkish comes first, English second, and each says what is wrong and then
what to do about it. The Turkish text never contains ``' / '``, so
``str(err).split(' / ')[0]`` is the Turkish message alone (the apps show
only that).
"""
import operator


def bilingual(tr, en, details=''):
    """Return the message ``tr`` (Turkish), then ``en`` (English), then ``details``."""
    message = f'{tr}\n / {en}'
    return f'{message}\n{details}' if details else message


def int_at_least(value, minimum, name, example):
    """Return ``value`` as an ``int`` if it is an integer >= ``minimum``, else raise ValueError.

    NumPy and torch integers count as integers (``operator.index``); bools and
    floats do not. ``name`` and ``example`` (a good value) go into the message.
    """
    try:
        number = operator.index(value)
    except TypeError:
        number = None
    if number is None or isinstance(value, bool) or number < minimum:
        raise ValueError(bilingual(
            f'{name} en az {minimum} olan bir tam sayı olmalı, {value!r} verildi. '
            f'Örneğin {name}={example} yazın.',
            f'{name} must be an integer of at least {minimum}, got {value!r}. '
            f'Write, for example, {name}={example}.'))
    return number
