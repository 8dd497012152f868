"""The chapters' lecture decks: nbconvert with the configuration below (scripts/build-site.sh):

    python site/deck.py --output-dir _build/html/slides NOTEBOOK...

A deck is one HTML file per chapter made from the committed outputs, its figures embedded, its
slides set by the cells' ``slideshow.slide_type`` metadata. The template ``site/deck`` loads
reveal.js and MathJax from the site's ``_static`` folder (site/conf.py copies them there), so a
deck works offline, from the local server or straight from the disk. What the deck leaves out of
the notebook (inputs tagged ``slide-hide-input``, progress bars) and how it cuts long markdown
cells into subslides: site/slideshow.py, which also checks every slide.
"""
from pathlib import Path

from nbconvert.nbconvertapp import NbConvertApp
from traitlets.config import Config

from slideshow import HIDE_INPUT, DeckPreprocessor

CONFIG = Config({
    'NbConvertApp': {'export_format': 'slides'},
    'TemplateExporter': {'extra_template_basedirs': [str(Path(__file__).parent)],
                         'template_name': 'deck',
                         'exclude_input_prompt': True, 'exclude_output_prompt': True},
    'TagRemovePreprocessor': {'remove_input_tags': {HIDE_INPUT}},
    'HTMLExporter': {
        'language_code': 'tr',
        'embed_images': True,  # the markdown cells' ../img/ figures: the deck is one file
        'mathjax_url': '../_static/mathjax/tex-chtml-full.js'},
    'SlidesExporter': {
        'preprocessors': [DeckPreprocessor],
        'reveal_url_prefix': '../_static/reveal.js',
        'reveal_theme': 'white',  # its font is in reveal.js; 'simple' fetches Google's
        'reveal_transition': 'slide',
        'reveal_width': '1280', 'reveal_height': '720'},  # 16:9, the projector's shape
})

if __name__ == '__main__':
    NbConvertApp.launch_instance(config=CONFIG)
