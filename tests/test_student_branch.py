"""The student editions on their branch (scripts/student-branch.sh, run by CI on every push to
main): the branch holds exactly the editions and the images they show, leaves the checkout it is
written into alone, and an edition opens from it in a stand-in for Colab (as tests/test_colab.py
does for the chapters) and through its nbgitpuller link (scripts/hub/link.py --ogrenci)."""
import json
import re
import secrets
import subprocess
import sys
import time
import urllib.parse

import pytest
import requests
from test_colab import STAND_IN, URL

from tools import student_edition
from helpers import ROOT, free_port, fresh_venv, stop

CHAPTER = '03-cekismeli-uretici-aglar.ipynb'


def git(clone, *args):
    return subprocess.run(['git', '-C', str(clone), *args], check=True, capture_output=True,
                          text=True).stdout


def publish(clone):
    return subprocess.run(['bash', 'scripts/student-branch.sh', str(clone)], cwd=ROOT, text=True,
                          capture_output=True, check=True).stdout


@pytest.fixture(scope='module')
def clone(tmp_path_factory):
    """A clone of this checkout with the branch ogrenci written into it."""
    clone = tmp_path_factory.mktemp('branch') / 'ders'
    subprocess.run(['git', 'clone', '-q', str(ROOT), str(clone)], check=True)
    publish(clone)
    return clone


def test_without_a_git_folder_the_command_says_what_to_give(tmp_path):
    result = subprocess.run(['bash', 'scripts/student-branch.sh', str(tmp_path)], cwd=ROOT,
                            text=True, capture_output=True)
    assert result.returncode == 2 and 'HATA' in result.stderr and 'ERROR' in result.stderr


@pytest.mark.slow
def test_the_branch_holds_the_editions_and_every_image_they_show(clone, tmp_path):
    files = git(clone, 'ls-tree', '-r', '--name-only', 'ogrenci').split()
    expected = student_edition.write_student_editions(tmp_path / 'notebooks')
    assert sorted(f for f in files if f.startswith('notebooks/')) == [
        f'notebooks/{path.name}' for path in expected]
    images = set()
    for path in expected:
        on_branch = git(clone, 'show', f'ogrenci:notebooks/{path.name}')
        assert on_branch == path.read_text(encoding='utf-8')
        images |= {m[3:] for m in re.findall(r'\.\./img/[\w./-]+', on_branch)}
    assert images and {f for f in files if f.startswith('img/')} == images | {'img/CREDITS.md'}
    assert git(clone, 'status', '--porcelain') == '' and git(clone, 'branch', '--show-current') \
        == git(ROOT, 'branch', '--show-current')  # the checkout is left as it was
    tip = git(clone, 'rev-parse', 'ogrenci')
    assert 'unchanged' in publish(clone) and git(clone, 'rev-parse', 'ogrenci') == tip


@pytest.mark.slow
def test_an_edition_opens_from_the_branch_in_a_stand_in_colab(clone, tmp_path):
    edition = json.loads(git(clone, 'show', f'ogrenci:notebooks/{CHAPTER}'))
    colab, imports = [''.join(c['source']) for c in edition['cells']
                      if c['cell_type'] == 'code'][:2]
    python, _ = fresh_venv(tmp_path / 'venv', with_pip=True)  # Colab's: no d2lmini
    (tmp_path / 'colab.py').write_text(colab.replace(URL, ROOT.as_uri()), encoding='utf-8')
    (tmp_path / 'imports.py').write_text(imports, encoding='utf-8')
    content = tmp_path / 'content'
    content.mkdir()
    result = subprocess.run([python, '-c', STAND_IN, tmp_path / 'colab.py',
                             tmp_path / 'imports.py'], cwd=content, capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.strip().endswith('ok'), result.stderr[-2000:]


@pytest.mark.slow
def test_an_edition_opens_through_its_nbgitpuller_link(clone, tmp_path):
    link = subprocess.run(
        [sys.executable, 'scripts/hub/link.py', 'http://127.0.0.1', CHAPTER, '--ogrenci',
         '--repo', clone.as_uri()], cwd=ROOT, text=True, capture_output=True, check=True)
    query = link.stdout.strip().split('?', 1)[1]
    params = dict(urllib.parse.parse_qsl(query))
    home, port, token = tmp_path / 'home', free_port(), secrets.token_hex(16)
    home.mkdir()
    log = open(tmp_path / 'server.log', 'w')
    server = subprocess.Popen(
        [sys.executable, '-m', 'jupyter', 'server', '--no-browser', '--allow-root',
         f'--port={port}', f'--ServerApp.root_dir={home}', f'--IdentityProvider.token={token}'],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url, headers = f'http://127.0.0.1:{port}', {'Authorization': f'token {token}'}
    try:
        for _ in range(120):
            try:
                requests.get(f'{url}/api/status', headers=headers, timeout=5).raise_for_status()
                break
            except requests.RequestException:
                time.sleep(1)
        # the page the link opens, then the sync that page's script asks for
        assert requests.get(f'{url}/git-pull?{query}', headers=headers, timeout=60).ok
        with requests.get(f'{url}/git-pull/api?{query}', headers=headers, stream=True,
                          timeout=300) as response:
            events = [json.loads(line[5:]) for line in response.iter_lines(decode_unicode=True)
                      if line.startswith('data:')]
        assert events[-1]['phase'] == 'finished', events[-3:]
    finally:
        stop(server, log)
    opened = home / params['urlpath'].removeprefix('lab/tree/')
    assert params['targetpath'] == 'ders-ogrenci' and opened.is_file()
    assert opened.read_text(encoding='utf-8') == git(clone, 'show', f'ogrenci:notebooks/{CHAPTER}')
    shown = re.findall(r'\.\./img/[\w./-]+', opened.read_text(encoding='utf-8'))
    assert shown and all((opened.parent / image).is_file() for image in shown)
