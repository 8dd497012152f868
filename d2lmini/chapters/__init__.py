"""The chapters' saved code, generated from the notebooks by ``python -m d2lmini.tools.export``."""
