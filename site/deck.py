"""nbconvert's configuration for the chapters' lecture decks (scripts/build-site.sh runs it):

    jupyter nbconvert --config site/deck.py --output-dir _build/html/slides NOTEBOOK...

A deck is one HTML file per chapter made from the committed outputs, its figures embedded, its
slides set by the cells' ``slideshow.slide_type`` metadata. The template ``site/deck`` loads
reveal.js and MathJax from the site's ``_static`` folder (site/conf.py copies them there), so a
deck works offline, from the local server or straight from the disk. What the deck leaves out of
the notebook (inputs tagged ``slide-hide-input``, progress bars) and how it cuts long markdown
cells into subslides: site/slideshow.py, which also checks every slide.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from slideshow import HIDE_INPUT, DeckPreprocessor  # noqa: E402

c = get_config()  # noqa: F821 (given by nbconvert)
c.NbConvertApp.export_format = 'slides'
c.TemplateExporter.extra_template_basedirs = [str(Path(__file__).parent)]
c.TemplateExporter.template_name = 'deck'
c.TemplateExporter.exclude_input_prompt = True
c.TemplateExporter.exclude_output_prompt = True
c.TagRemovePreprocessor.remove_input_tags = {HIDE_INPUT}
c.SlidesExporter.preprocessors = [DeckPreprocessor]
c.HTMLExporter.language_code = 'tr'
c.HTMLExporter.embed_images = True  # the markdown cells' ../img/ figures: the deck is one file
c.HTMLExporter.mathjax_url = '../_static/mathjax/tex-chtml-full.js'
c.SlidesExporter.reveal_url_prefix = '../_static/reveal.js'
c.SlidesExporter.reveal_theme = 'white'  # its font is in reveal.js; 'simple' fetches Google's
c.SlidesExporter.reveal_transition = 'slide'
c.SlidesExporter.reveal_width = '1280'  # 16:9, the projector's shape
c.SlidesExporter.reveal_height = '720'
