"""The chapters' classroom demos: each function builds one ipywidgets app and returns it."""
from .dropout import dropout_demo, show_dropout
from .gan import gan_demo
from .style_transfer import style_transfer_demo
