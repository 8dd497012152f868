"""A chapter's nbgitpuller link for a class hub: a click copies the course into the student's home
(or merges the latest changes into their copy) and opens the chapter in JupyterLab.

    python3 scripts/hub/link.py https://hub.example.edu.tr 03             # chapter 03
    python3 scripts/hub/link.py https://hub.example.edu.tr 03 --ogrenci   # its student edition

The repository is the course's (pyproject.toml), branch main, or ogrenci for the student editions
(its own folder in the home, so that the two never mix); --repo and --branch name another one.
The website's chapter pages make the same links (site/_static/hub-link.js).
"""
import argparse
import sys
import tomllib
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = sorted(path.name for path in (ROOT / 'notebooks').glob('*.ipynb'))


def course_repository():
    """The course's public address, as pyproject.toml keeps it."""
    project = tomllib.loads((ROOT / 'pyproject.toml').read_text(encoding='utf-8'))['project']
    return project['urls']['Repository']


def chapter_file(chapter):
    """The chapter's file name from its number ('3', '03') or its name (with or without .ipynb)."""
    for name in CHAPTERS:
        if name.split('-')[0] == chapter.zfill(2) or name in (chapter, f'{chapter}.ipynb'):
            return name
    sys.exit(f'HATA: "{chapter}" diye bir bölüm yok; bölümler: {", ".join(CHAPTERS)}\n'
             f'ERROR: no chapter "{chapter}"; the chapters: {", ".join(CHAPTERS)}')


def hub_link(hub, chapter, repo, branch, student_edition=False):
    """The link that pulls ``repo`` (``branch``) into the student's home and opens ``chapter``."""
    if urllib.parse.urlsplit(hub).scheme not in ('http', 'https'):
        sys.exit(f'HATA: hub adresi http:// ya da https:// ile başlamalı, "{hub}" değil.\n'
                 f'ERROR: the hub address must start with http:// or https://, not "{hub}".')
    folder = repo.rstrip('/').split('/')[-1].removesuffix('.git')
    if student_edition:
        folder += '-ogrenci'
    query = urllib.parse.urlencode({
        'repo': repo, 'branch': branch, 'targetpath': folder,
        'urlpath': f'lab/tree/{folder}/notebooks/{chapter_file(chapter)}'})
    return f'{hub.rstrip("/")}/hub/user-redirect/git-pull?{query}'


def main(argv=None):
    """Print the link for the hub address and chapter given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('hub', help='the hub address, e.g. https://hub.example.edu.tr')
    parser.add_argument('chapter', help='a chapter number (03) or file name')
    parser.add_argument('--ogrenci', action='store_true', help='the student edition')
    parser.add_argument('--repo', default=course_repository(), help='another repository')
    parser.add_argument('--branch', help='another branch (default: main, or ogrenci)')
    args = parser.parse_args(argv)
    branch = args.branch or ('ogrenci' if args.ogrenci else 'main')
    print(hub_link(args.hub, args.chapter, args.repo, branch, args.ogrenci))


if __name__ == '__main__':
    main()
