"""The chapters' classroom demos: each function builds one ipywidgets app and returns it."""
