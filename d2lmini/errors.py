"""The course's one format for error messages, and the checks that raise them.

Every error d2lmini's core modules raise for bad input reads::

    <Türkçe: ne yanlış. Ne yapılmalı.>
     / <English: what is wrong. What to do.>
    <optional lines that need no translation: paths, commands, lists>

Turkish comes first, English second, and each says what is wrong and then
what to do about it. The Turkish text never contains ``' / '``, so
``turkish(err)`` is the Turkish message alone: the apps show only that.
"""
import math
import numbers
import operator


def bilingual(tr, en, details=''):
    """Return the message ``tr`` (Turkish), then ``en`` (English), then ``details``."""
    message = f'{tr}\n / {en}'
    return f'{message}\n{details}' if details else message


def turkish(err):
    """The Turkish part of ``err``'s message (all of it if it is not bilingual)."""
    return str(err).split('\n / ')[0].strip()


def _integer(value):
    """``value`` as an ``int`` if it is an integer of any library (not a bool), else None."""
    if isinstance(value, bool):
        return None
    try:
        return operator.index(value)
    except TypeError:
        return None


def int_at_least(value, minimum, name, example):
    """Return ``value`` as an ``int`` if it is an integer >= ``minimum``, else raise ValueError.

    NumPy and torch integers count as integers (``operator.index``); bools and
    floats do not. ``name`` and ``example`` (a good value) go into the message.
    """
    number = _integer(value)
    if number is None or number < minimum:
        raise ValueError(bilingual(
            f'{name} en az {minimum} olan bir tam sayı olmalı, {value!r} verildi. '
            f'Örneğin {name}={example} yazın.',
            f'{name} must be an integer of at least {minimum}, got {value!r}. '
            f'Write, for example, {name}={example}.'))
    return number


def int_between(value, low, high, name, example):
    """Return ``value`` as an ``int`` if it is an integer in [``low``, ``high``], else raise."""
    number = _integer(value)
    if number is None or not low <= number <= high:
        raise ValueError(bilingual(
            f'{name}, {low} ile {high} arasında (ikisi de dahil) bir tam sayı olmalı, '
            f'{value!r} verildi. Örneğin {name}={example} yazın.',
            f'{name} must be an integer from {low} to {high}, got {value!r}. Write, for '
            f'example, {name}={example}.'))
    return number


def number_between(value, low, high, name, example):
    """Return ``value`` as a ``float`` if it is a real number in [``low``, ``high``], else raise."""
    ok = (isinstance(value, numbers.Real) and not isinstance(value, bool)
          and math.isfinite(value) and low <= value <= high)
    if not ok:
        raise ValueError(bilingual(
            f'{name}, {low} ile {high} arasında (ikisi de dahil) bir sayı olmalı, {value!r} '
            f'verildi. Örneğin {name}={example} yazın.',
            f'{name} must be a number from {low} to {high}, got {value!r}. Write, for '
            f'example, {name}={example}.'))
    return float(value)
