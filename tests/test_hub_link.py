"""A chapter's nbgitpuller link for a class hub: scripts/hub/link.py and the box on the website's
chapter pages (site/_static/hub-link.js) make the same links; the box also opens the student
edition from the branch ogrenci in Colab."""
import subprocess
import sys
import tomllib
import urllib.parse

import pytest

from helpers import ROOT

URL = tomllib.loads((ROOT / 'pyproject.toml').read_text())['project']['urls']['Repository']
HUB = 'https://hub.okulum.edu.tr'


def link(*args):
    return subprocess.run([sys.executable, 'scripts/hub/link.py', *args], cwd=ROOT, text=True,
                          capture_output=True)


def parts(url):
    """The link's address and its query as a dict."""
    address, query = url.split('?', 1)
    return address, dict(urllib.parse.parse_qsl(query, strict_parsing=True))


@pytest.mark.parametrize('edition', [False, True])
def test_the_link_pulls_the_course_and_opens_the_chapter_in_its_own_folder(edition):
    result = link(f'{HUB}/', '3', *(['--ogrenci'] if edition else []))
    assert result.returncode == 0, result.stderr
    address, query = parts(result.stdout.strip())
    assert address == f'{HUB}/hub/user-redirect/git-pull'
    folder = 'd2lmini-tr-ogrenci' if edition else 'd2lmini-tr'
    assert query == {'repo': URL, 'branch': 'ogrenci' if edition else 'main', 'targetpath': folder,
                     'urlpath': f'lab/tree/{folder}/notebooks/03-cekismeli-uretici-aglar.ipynb'}
    assert (ROOT / query['urlpath'].split('/', 3)[3]).is_file()


@pytest.mark.parametrize('args, says', [
    ((HUB, '7'), 'bölüm yok'), (('hub.okulum.edu.tr', '03'), 'http:// ya da https://')])
def test_a_wrong_chapter_or_address_is_told_in_both_languages(args, says):
    result = link(*args)
    assert result.returncode != 0 and says in result.stderr
    assert 'HATA' in result.stderr and 'ERROR' in result.stderr and not result.stdout


@pytest.mark.browser
@pytest.mark.parametrize('edition', ['hub-bolum', 'hub-ogrenci'])
def test_the_chapter_pages_box_makes_the_same_links(site, browser, edition):
    page = browser.new_page()
    try:
        page.goto(f'{site}/notebooks/01-hattan-dusurme.html')
        page.fill('#hub-baglantisi input', HUB)
        made = page.locator(f'#hub-baglantisi a.{edition}').get_attribute('href')
        colab = page.locator('#hub-baglantisi a.colab-ogrenci').get_attribute('href')
    finally:
        page.close()
    expected = link(HUB, '01', *(['--ogrenci'] if edition == 'hub-ogrenci' else []))
    assert made == expected.stdout.strip()
    github = URL.removeprefix('https://github.com/')
    assert colab == (f'https://colab.research.google.com/github/{github}/blob/ogrenci/notebooks/'
                     '01-hattan-dusurme.ipynb')
