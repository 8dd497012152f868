"""The widget that every classroom app returns."""
import ipywidgets as widgets


class App(widgets.VBox):
    """A VBox whose plain-text form, all a static view (GitHub, nbviewer) shows, is a hint."""

    def __init__(self, children, title):
        super().__init__(children)
        self.hint = (f'{title}: etkileşimli bir uygulama; görmek için bu hücreyi '
                     "JupyterLab'de çalıştırın.")

    def __repr__(self):
        return self.hint
