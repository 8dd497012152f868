"""The chapters' classroom demos: each function builds one ipywidgets app and returns it.

``import d2lmini`` imports an app's module when its function is first used (``d2lmini/_index.py``),
so a page that shows one app does not load the others' libraries (the style studio's torchvision).
"""
