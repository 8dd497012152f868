"""The chapters' saved code, generated from the notebooks by ``python -m tools.export``."""
