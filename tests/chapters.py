"""The course's notebooks, in order, and which of them has a classroom demo.

An appendix (its name has ``-ek-``, Turkish for "appendix") is optional reading beside a chapter: it
has no classroom demo (``demos/``) and no screenshot in the README. Every other notebook has both.
"""

CHAPTERS = ['01-hattan-dusurme', '02-sinir-stil-transferi', '02b-ek-stil-transferini-hizlandirmak',
            '03-cekismeli-uretici-aglar']
WITH_A_DEMO = [name for name in CHAPTERS if '-ek-' not in name]
