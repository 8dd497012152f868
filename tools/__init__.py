"""Maintainer tools, run from the checkout: the chapter exporter, the notebook runner and the
student edition (``python -m tools.export`` and so on; they need the test extra)."""
