"""What the slide tests (test_decks.py, test_rise.py) share: how many slides a notebook asks for."""


def slide_type(cell):
    """A cell's ``slideshow.slide_type``; ``-`` (continue the slide) when it has none."""
    return cell.get('metadata', {}).get('slideshow', {}).get('slide_type', '-')


def expected_slides(cells):
    """How many slides the metadata asks for: the slide and subslide cells, and the first shown
    cell, which nbconvert and RISE start a slide with whatever its type."""
    types = [slide_type(c) for c in cells]
    first = next(t for t in types if t not in ('skip', 'notes'))
    return sum(t in ('slide', 'subslide') for t in types) + (first not in ('slide', 'subslide'))
