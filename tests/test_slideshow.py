"""What a chapter's deck keeps of its cells (site/slideshow.py's ``deck_cells``); the decks in
Chromium: test_decks.py."""
import nbformat

from slideshow import DeckPreprocessor, deck_cells, slide_type

md = nbformat.v4.new_markdown_cell


def test_a_markdown_cell_is_cut_at_its_level_three_headings_and_slide_marks():
    cell = md('## Kayıp\n\nGiriş.\n\n### İçerik\n\n$$a$$\n<!-- slide -->\nDevamı.\n\n### Stil\n'
              '\nSon.', metadata={'slideshow': {'slide_type': 'fragment'}})
    cells = deck_cells([cell])
    assert [c['source'] for c in cells] == ['## Kayıp\n\nGiriş.', '### İçerik\n\n$$a$$',
                                            'Devamı.', '### Stil\n\nSon.']
    assert [slide_type(c) for c in cells] == ['fragment', 'subslide', 'subslide', 'subslide']
    assert len({c['id'] for c in cells}) == 4
    nbformat.validate(nbformat.v4.new_notebook(cells=cells))
    assert cell['source'].startswith('## Kayıp\n\nGiriş.\n\n### İçerik'), 'the notebook changed'


def test_a_cell_that_starts_with_a_heading_or_is_not_shown_stays_whole():
    kept = [md('### Tek başlık\n\n#### Alt başlık\n\nMetin.'),
            md('Not.\n\n### Başlık', metadata={'slideshow': {'slide_type': 'notes'}}),
            md('Atlanan.\n\n### Başlık', metadata={'slideshow': {'slide_type': 'skip'}}),
            nbformat.v4.new_code_cell('# <!-- slide -->\nx = 1\n### = 2')]
    assert deck_cells(kept) == kept


def test_progress_bars_and_widgets_stay_off_the_slides():
    out = nbformat.v4.new_output
    bar = out('stream', name='stderr', text='eğitim:  40%|████      | 4/10 [00:02<00:03]\n')
    widget = out('display_data', data={
        'application/vnd.jupyter.widget-view+json': {'model_id': 'a'},
        'text/plain': 'eğitim:   0%|          | 0/10 [00:00<?, ?dönem/s]'})
    kept = [out('stream', text='10 dönem 12 s sürdü; doğruluk %85\n'),
            out('display_data', data={'text/plain': '<Figure>', 'image/png': 'iVBOR'})]
    cell = nbformat.v4.new_code_cell('train()', outputs=[bar, kept[0], widget, kept[1]])
    [shown] = deck_cells([cell])
    assert shown['outputs'] == kept and shown['source'] == 'train()'
    assert len(cell['outputs']) == 4, 'the notebook changed'


def test_the_deck_keeps_no_widget_state():
    state = {'application/vnd.jupyter.widget-state+json': {'state': {}, 'version_major': 2}}
    nb = nbformat.v4.new_notebook(cells=[md('# Başlık\n\nGiriş.\n\n### Devamı')],
                                  metadata={'widgets': state})
    deck, _ = DeckPreprocessor().preprocess(nb, {})
    assert 'widgets' not in deck.metadata and len(deck.cells) == 2
    nbformat.validate(deck)
