"""Write each chapter's saved code from its notebook into ``d2lmini/chapters/``.

A code cell tagged ``save`` gives the package its top-level ``def`` and ``class``
statements and the constants they read (module-level names, not their own parameters or
locals; assignments built from literals and imported modules only); the rest of the cell is
the lesson's demonstration and stays in the notebook. The imports that the saved code uses
come from the notebook's own import lines.

    python -m tools.export          # rewrite d2lmini/chapters/*.py
    python -m tools.export --check  # exit 1 if a committed module is stale
"""
import argparse
import ast
import json
import symtable
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
CHAPTERS = {  # notebook -> module of d2lmini.chapters
    '01-hattan-dusurme': 'dropout',
    '02-sinir-stil-transferi': 'style_transfer',
    '02b-ek-stil-transferini-hizlandirmak': 'style_transfer_speed',
    '03-cekismeli-uretici-aglar': 'gan',
}
HEADER = '''"""Chapter {number}, {title}: the code its notebook saves.

Generated from notebooks/{notebook}.ipynb (its cells tagged `save`) by
`python -m tools.export`. Do not edit by hand: change the notebook and export again.
"""
'''


def names_in(node):
    """The names that ``node`` reads or binds."""
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}


def free_names(definition):
    """The module-level names that a ``def`` or ``class`` reads, not its parameters or locals."""
    top = symtable.symtable(ast.unparse(definition), '<save>', 'exec')
    names = {s.get_name() for s in top.get_symbols() if s.is_referenced()}  # defaults, decorators
    tables = top.get_children()
    while tables:
        table = tables.pop()
        names |= {s.get_name() for s in table.get_symbols() if s.is_global()}
        tables += table.get_children()
    return names


def saved_statements(trees, imported):
    """The definitions of the parsed ``save`` cells and the constants those definitions read."""
    definitions = [node for tree in trees for node in tree.body
                   if isinstance(node, (ast.FunctionDef, ast.ClassDef))]
    used = set().union(*map(free_names, definitions))
    return [[node for node in tree.body if node in definitions
             or isinstance(node, ast.Assign) and names_in(node.value) <= imported
             and set().union(*map(names_in, node.targets)) & used]
            for tree in trees]


def source_of(node, lines):
    """A statement's lines with its decorators and the comment lines right above it."""
    start = min([node.lineno] + [d.lineno for d in getattr(node, 'decorator_list', [])]) - 1
    while start > 0 and lines[start - 1].lstrip().startswith('#'):
        start -= 1
    return '\n'.join(lines[start:node.end_lineno])


def import_lines(node, width=100):
    """``node`` as source; a long ``from ... import`` wrapped in parentheses to ``width``."""
    line = ast.unparse(node)
    if len(line) <= width or not isinstance(node, ast.ImportFrom):
        return line
    head = f'from {node.module} import ('
    lines, current = [], head
    for name in map(ast.unparse, node.names):
        if len(current) + len(name) + 2 > width:
            lines.append(current.rstrip())
            current = ' ' * len(head)
        current += f'{name}, '
    return '\n'.join(lines + [current[:-2] + ')'])


def used_imports(import_nodes, code):
    """The notebook's import statements cut down to the names that ``code`` uses."""
    used = names_in(ast.parse(code))
    kept = []
    for node in import_nodes:
        names = [a for a in node.names if (a.asname or a.name).split('.')[0] in used]
        if names:
            node = (ast.Import(names=names) if isinstance(node, ast.Import)
                    else ast.ImportFrom(module=node.module, names=names, level=node.level))
            kept.append(import_lines(node))
    return kept


def render(notebook):
    """The text of the module that ``notebook`` (a path) saves."""
    nb = json.loads(notebook.read_text(encoding='utf-8'))
    cells = [(''.join(c['source']), c['metadata'].get('tags', []))
             for c in nb['cells'] if c['cell_type'] == 'code']
    imports = [node for source, _ in cells for node in ast.parse(source).body
               if isinstance(node, (ast.Import, ast.ImportFrom))]
    imported = {(a.asname or a.name).split('.')[0] for node in imports for a in node.names}
    sources = [source for source, tags in cells if 'save' in tags]
    parts, previous = [], None
    for source, nodes in zip(sources, saved_statements([ast.parse(s) for s in sources], imported)):
        lines = source.splitlines()
        for node in nodes:
            if isinstance(node, ast.Assign) and isinstance(previous, ast.Assign):
                parts[-1] += '\n' + source_of(node, lines)  # constants stay together
            else:
                parts.append(source_of(node, lines))
            previous = node
    code = '\n\n\n'.join(parts)
    title = next(''.join(c['source']).splitlines()[0].lstrip('# ')
                 for c in nb['cells'] if c['cell_type'] == 'markdown')
    header = HEADER.format(number=notebook.stem.split('-')[0], title=title, notebook=notebook.stem)
    return f'{header}{chr(10).join(used_imports(imports, code))}\n\n\n{code}\n'


def main(argv=None):
    """Export every chapter, or with ``--check`` list the modules that differ from an export."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--check', action='store_true', help='only report stale modules')
    args = parser.parse_args(argv)
    stale = []
    for notebook, module in CHAPTERS.items():
        text = render(ROOT / 'notebooks' / f'{notebook}.ipynb')
        path = ROOT / 'd2lmini' / 'chapters' / f'{module}.py'
        if path.exists() and path.read_text(encoding='utf-8') == text:
            continue
        stale.append(path.relative_to(ROOT))
        if not args.check:
            path.write_text(text, encoding='utf-8')
    verb = 'stale' if args.check else 'written'
    print('\n'.join(f'{verb}: {p}' for p in stale) or 'all chapter modules up to date')
    return 1 if args.check and stale else 0


if __name__ == '__main__':
    sys.exit(main())
