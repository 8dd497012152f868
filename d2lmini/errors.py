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


def _refuse(value, name, example, tr_rule, en_rule):
    """Raise a ValueError: ``name`` must follow the rule, ``value`` did not; ``example`` does."""
    raise ValueError(bilingual(
        f'{name} {tr_rule} olmalı, {value!r} verildi. Örneğin {name}={example} yazın.',
        f'{name} must be {en_rule}, got {value!r}. Write, for example, {name}={example}.'))


def int_at_least(value, minimum, name, example):
    """Return ``value`` as an ``int`` if it is an integer >= ``minimum``, else raise ValueError.

    NumPy and torch integers count as integers (``operator.index``); bools and
    floats do not. ``name`` and ``example`` (a good value) go into the message.
    """
    number = _integer(value)
    if number is None or number < minimum:
        _refuse(value, name, example, f'en az {minimum} olan bir tam sayı',
                f'an integer of at least {minimum}')
    return number


def int_between(value, low, high, name, example):
    """Return ``value`` as an ``int`` if it is an integer in [``low``, ``high``], else raise."""
    number = _integer(value)
    if number is None or not low <= number <= high:
        _refuse(value, name, example, f'{low} ile {high} arasında (ikisi de dahil) bir tam sayı',
                f'an integer from {low} to {high}')
    return number


def number_between(value, low, high, name, example):
    """Return ``value`` as a ``float`` if it is a real number in [``low``, ``high``], else raise."""
    ok = (isinstance(value, numbers.Real) and not isinstance(value, bool)
          and math.isfinite(value) and low <= value <= high)
    if not ok:
        _refuse(value, name, example, f'{low} ile {high} arasında (ikisi de dahil) bir sayı',
                f'a number from {low} to {high}')
    return float(value)
