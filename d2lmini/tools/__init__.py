"""Maintainer tools: the chapter exporter and the notebook runner (need the test extra)."""
