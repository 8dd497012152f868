"""The class hub (scripts/hub.sh) with ten simulated students.

The hub starts as in a lab (as root, on a free port, the homes in a temporary folder). Ten students
log in through its REST API, click chapter 03's nbgitpuller link (a file:// clone of this checkout
stands in for GitHub) and run the chapter in quick mode, all at once, each in a kernel of their own
server. Then: every home holds the chapter and is closed to the others, and so is the folder of each
kernel's sockets (kernels use Unix sockets: TCP ports picked by ten servers at once could collide);
a second click after a new commit merges it and keeps the student's own edit; one student's path
through Chromium is screenshotted into artifacts/hub/; the idle culler stops every server. That last
check runs at the end of the run (``helpers.run_last``): the hub, one per session, stays up while
the other tests run through its culling window. The time until all ten ran and the memory go to
artifacts/hub/olcumler.json (benchmarks/README.md, "Class hub").

Where the course's Python sits under a folder closed to other users (this test machine's
/root/.pyenv), the hub's fixture lets the students through it (o+x) while the hub runs and closes
it again.
"""
import json
import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from helpers import ROOT, free_port, run_last

requests = pytest.importorskip('requests')
websocket = pytest.importorskip('websocket')  # websocket-client, a JupyterLab dependency

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / 'artifacts' / 'hub'

STUDENTS = [f'ogr{i:02d}' for i in range(1, 11)]
PASSWORD, ADMIN_PASSWORD = 'tahta-parolasi', uuid.uuid4().hex
CHAPTER = '03-cekismeli-uretici-aglar.ipynb'
IDLE_TIMEOUT = 90  # seconds; the culler then looks every 15 s (jupyterhub_config.py)
STUDENT_EDIT = 'Öğrencinin kendi notu: bu satır ikinci tıklamadan sonra da yerinde olmalı.'
FIX = 'Düzeltme: bu satır derse sonradan eklendi.'
PEEK = """
import pathlib
for path in {paths!r}:
    try:
        target = pathlib.Path(path)
        target.read_bytes() if target.suffix else list(target.iterdir())
        print('okundu', path)
    except PermissionError:
        print('engellendi', path)
"""


class Hub:
    """The running hub, the remote its links pull from, and what the tests learn on the way."""

    def __init__(self, base):
        self.url = f'http://127.0.0.1:{free_port()}'
        self.homes, self.remote, self.sockets = base / 'homes', base / 'ders', base / 'soketler'
        self.admin = None
        self.tokens, self.measured = {}, {}

    def link(self):
        """Chapter 03's link for this hub and remote, as scripts/hub/link.py makes it."""
        return subprocess.run(
            [sys.executable, 'scripts/hub/link.py', self.url, CHAPTER, '--repo',
             self.remote.as_uri()], cwd=ROOT, text=True,
            capture_output=True, check=True).stdout.strip()

    def api(self, method, path, token=None, **kwargs):
        headers = {'Authorization': f'token {token or self.admin}'}
        response = requests.request(method, f'{self.url}{path}', headers=headers, timeout=60,
                                    **kwargs)
        assert response.ok, f'{method} {path}: {response.status_code} {response.text[:300]}'
        return response

    def login(self, name, password):
        """A token for ``name``, got from the REST API with the user's password."""
        auth = {'auth': {'username': name, 'password': password}}
        response = requests.post(f'{self.url}/hub/api/users/{name}/tokens', json=auth, timeout=60)
        assert response.status_code == 201, f'{name} could not log in: {response.text[:300]}'
        return response.json()['token']

    def servers(self):
        """The students whose server runs now."""
        users = self.api('GET', '/hub/api/users').json()
        return {u['name'] for u in users if u['name'] in STUDENTS and u['servers']}


def closed_folders_above(python):
    """The folders above the course's real Python that other users cannot pass through."""
    return [folder for folder in Path(os.path.realpath(python)).parents
            if not folder.stat().st_mode & stat.S_IXOTH]


def processes_of(uids):
    """The ids of the processes run by these users."""
    found = []
    for entry in Path('/proc').iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid in uids:
                    found.append(int(entry.name))
            except FileNotFoundError:
                pass
    return found


def pss_mib(pids):
    """Proportional set size of these processes together, in MiB (shared pages split fairly)."""
    total = 0
    for pid in pids:
        try:
            for line in Path(f'/proc/{pid}/smaps_rollup').read_text().splitlines():
                if line.startswith('Pss:'):
                    total += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total / 1024


def used_mib():
    """Memory in use on the machine (MemTotal - MemAvailable), in MiB."""
    info = dict(line.split(':') for line in Path('/proc/meminfo').read_text().splitlines())
    return (int(info['MemTotal'].split()[0]) - int(info['MemAvailable'].split()[0])) / 1024


def system_user(name):
    """Whether the machine has a user of this name."""
    try:
        return pwd.getpwnam(name) is not None
    except KeyError:
        return False


@pytest.fixture(scope='session')  # until the culler test, which runs last (helpers.run_last)
def hub():
    if os.geteuid() != 0:
        pytest.skip('the class hub runs as root (each student a system user)')
    if not (ROOT / 'scripts/hub/node_modules/.bin/configurable-http-proxy').exists():
        pytest.skip('the hub is not installed: bash scripts/install.sh hub')
    if any(map(system_user, [*STUDENTS, 'ogretmen'])):
        pytest.skip('users named as the test\'s students exist here; the test would remove them')
    group_existed = subprocess.run(['getent', 'group', 'd2lmini-sinif']).returncode == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    base = Path(tempfile.mkdtemp(prefix='d2lmini-hub-'))
    base.chmod(0o755)
    hub = Hub(base)
    hub.homes.mkdir(mode=0o755)
    subprocess.run(['git', 'clone', '-q', str(ROOT), str(hub.remote)], check=True)
    # the links' branch, main, whatever the checkout has (CI's for a pull request is detached)
    subprocess.run(['git', '-C', str(hub.remote), 'switch', '-q', '-C', 'main'], check=True)
    opened = closed_folders_above(ROOT / '.venv' / 'bin' / 'python')
    for folder in opened:
        folder.chmod(folder.stat().st_mode | stat.S_IXOTH)
    env = dict(os.environ, PYTHONPATH=str(ROOT), D2LMINI_HUB_PORT=hub.url.rsplit(':', 1)[1],
               D2LMINI_HUB_STATE=str(base / 'state'), D2LMINI_HUB_HOMES=str(hub.homes),
               D2LMINI_HUB_SOCKETS=str(hub.sockets),
               D2LMINI_HUB_IDLE_TIMEOUT=str(IDLE_TIMEOUT), D2LMINI_HUB_PASSWORD=PASSWORD,
               D2LMINI_HUB_ADMIN_PASSWORD=ADMIN_PASSWORD)
    log = open(ARTIFACTS / 'hub.log', 'w')
    hub.measured['memory_before_hub_mib'] = round(used_mib())
    process = subprocess.Popen(['bash', 'scripts/hub.sh'], cwd=ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        for _ in range(120):
            assert process.poll() is None, 'the hub stopped, see artifacts/hub/hub.log'
            try:
                hub.admin = hub.login('ogretmen', ADMIN_PASSWORD)
                break
            except (requests.ConnectionError, AssertionError):
                time.sleep(1)
        else:
            pytest.fail('the hub did not answer in 120 s, see artifacts/hub/hub.log')
        yield hub
    finally:
        process.terminate()  # the hub stops the servers, the proxy and the culler
        process.wait(300)
        log.close()
        users = [name for name in [*STUDENTS, 'ogretmen'] if system_user(name)]
        for pid in processes_of({pwd.getpwnam(name).pw_uid for name in users}):
            os.kill(pid, 9)
        for name in users:
            subprocess.run(['userdel', '--remove', name], capture_output=True)
        if not group_existed:
            subprocess.run(['groupdel', 'd2lmini-sinif'], capture_output=True)
        for folder in opened:
            folder.chmod(folder.stat().st_mode & ~stat.S_IXOTH)
        shutil.rmtree(base)


def pull(hub, name):
    """What the link's page does after the click: nbgitpuller's sync, followed to its end."""
    query = hub.link().split('?', 1)[1]
    path = f'/user/{name}/git-pull/api?{query}'
    with hub.api('GET', path, hub.tokens[name], stream=True) as response:
        events = [json.loads(line[5:]) for line in response.iter_lines(decode_unicode=True)
                  if line.startswith('data:')]
    assert events and events[-1]['phase'] == 'finished', events[-3:]


class Kernel:
    """A kernel of a student's server, driven through the server's REST and WebSocket API."""

    def __init__(self, hub, name, notebook):
        self.hub, self.name = hub, name
        body = {'path': notebook, 'type': 'notebook', 'name': '', 'kernel': {'name': 'python3'}}
        session = hub.api('POST', f'/user/{name}/api/sessions', hub.tokens[name], json=body)
        self.id = session.json()['kernel']['id']
        url = f"{hub.url.replace('http', 'ws', 1)}/user/{name}/api/kernels/{self.id}/channels"
        self.ws = websocket.create_connection(
            url, header=[f'Authorization: token {hub.tokens[name]}'], timeout=900)

    def run(self, code):
        """Execute ``code``; return its printed text; fail on an error."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            'header': {'msg_id': msg_id, 'msg_type': 'execute_request', 'session': self.id,
                       'username': self.name, 'version': '5.3'},
            'parent_header': {}, 'metadata': {}, 'channel': 'shell', 'buffers': [],
            'content': {'code': code, 'silent': False, 'store_history': True,
                        'user_expressions': {}, 'allow_stdin': False, 'stop_on_error': True}}))
        text, replied, idle = [], False, False
        while not (replied and idle):
            msg = json.loads(self.ws.recv())
            if msg['parent_header'].get('msg_id') != msg_id:
                continue
            kind = msg['header']['msg_type']
            if kind == 'stream':
                text.append(msg['content']['text'])
            elif kind == 'error':
                pytest.fail(f'{self.name}: {msg["content"]["ename"]}: {msg["content"]["evalue"]}')
            replied |= kind == 'execute_reply'
            idle |= kind == 'status' and msg['content']['execution_state'] == 'idle'
        return ''.join(text)


def chapter_sources(hub, name, notebook):
    """The code cells of the student's own copy of the chapter, read through their server."""
    content = hub.api('GET', f'/user/{name}/api/contents/{notebook}', hub.tokens[name]).json()
    return [''.join(c['source']) for c in content['content']['cells']
            if c['cell_type'] == 'code']


def one_student(hub, name, neighbour, started):
    """Spawn, click, run the chapter in quick mode, try the neighbour's home; return timings."""
    hub.api('POST', f'/hub/api/users/{name}/server', hub.tokens[name])
    while not hub.api('GET', f'/hub/api/users/{name}', hub.tokens[name]).json()[
            'servers'].get('', {}).get('ready'):
        time.sleep(1)
    ready = time.monotonic() - started
    pull(hub, name)
    notebook = f'{hub.remote.name}/notebooks/{CHAPTER}'
    kernel = Kernel(hub, name, notebook)
    kernel.run("import os\nos.environ['D2LMINI_QUICK'] = '1'")
    for source in chapter_sources(hub, name, notebook):
        kernel.run(source)
    ran = time.monotonic() - started
    other = hub.homes / neighbour
    tries = kernel.run(PEEK.format(paths=[str(other), str(other / notebook)]))
    kernel.ws.close()
    return ready, ran, tries


def test_ten_students_run_the_chapter_at_once_each_in_their_own_home(hub):
    hub.api('POST', '/hub/api/users', json={'usernames': STUDENTS})
    for name in STUDENTS:
        # git uses a local remote of another owner only if told to (a remote on GitHub needs not)
        user = pwd.getpwnam(name)
        gitconfig = Path(user.pw_dir) / '.gitconfig'
        gitconfig.write_text(f'[safe]\n\tdirectory = {hub.remote}/.git\n')
        os.chown(gitconfig, user.pw_uid, user.pw_gid)
        hub.tokens[name] = hub.login(name, PASSWORD)
    peak, done = [used_mib()], threading.Event()

    def sample():
        while not done.wait(0.5):
            peak.append(used_mib())
    sampler = threading.Thread(target=sample)
    sampler.start()
    started = time.monotonic()
    try:
        with ThreadPoolExecutor(len(STUDENTS)) as pool:
            results = list(pool.map(one_student, [hub] * len(STUDENTS), STUDENTS,
                                    STUDENTS[1:] + STUDENTS[:1], [started] * len(STUDENTS)))
        uids = {name: pwd.getpwnam(name).pw_uid for name in STUDENTS}
        per_student = [pss_mib(processes_of({uid})) for uid in uids.values()]
    finally:
        done.set()
        sampler.join()
    for name, (_, _, tries) in zip(STUDENTS, results):
        home = hub.homes / name
        chapter = home / hub.remote.name / 'notebooks' / CHAPTER
        assert chapter.is_file() and chapter.stat().st_uid == uids[name], chapter
        assert stat.S_IMODE(home.stat().st_mode) == 0o700, oct(home.stat().st_mode)
        assert tries.count('engellendi') == 2 and 'okundu' not in tries, (name, tries)
        sockets = hub.sockets / name  # the kernel listens there, not on a TCP port
        assert sockets.stat().st_uid == uids[name], sockets
        assert sockets.stat().st_mode & 0o777 == 0o700, oct(sockets.stat().st_mode)  # + sticky
        assert any(sockets.glob('kernel-*-ipc-*')), list(sockets.iterdir())
    hub.measured.update(
        students=len(STUDENTS), all_servers_ready_s=round(max(r[0] for r in results), 1),
        all_chapters_ran_s=round(max(r[1] for r in results), 1),
        memory_peak_mib=round(max(peak)),
        per_student_pss_mib=[round(m) for m in sorted(per_student)],
        load=os.getloadavg(), cpus=os.cpu_count(), date=time.strftime('%Y-%m-%d %H:%M UTC',
                                                                     time.gmtime()))
    (ARTIFACTS / 'olcumler.json').write_text(json.dumps(hub.measured, indent=1))
    print('\n[hub]', json.dumps(hub.measured))


def test_the_machines_other_users_cannot_log_in_with_the_class_password(hub):
    for name in ('root', 'nobody'):  # a server would run as that user
        auth = {'auth': {'username': name, 'password': PASSWORD}}
        response = requests.post(f'{hub.url}/hub/api/users/{name}/tokens', json=auth, timeout=60)
        assert response.status_code == 403, (name, response.status_code)
    assert hub.login('ogretmen', ADMIN_PASSWORD)  # while the hub's own users may


def edit_line(hub, name, path, old, new):
    """Change a phrase of a file in the student's home through their server, as an editor does."""
    model = hub.api('GET', f'/user/{name}/api/contents/{path}?type=file&format=text',
                    hub.tokens[name]).json()
    assert old in model['content']
    body = {'type': 'file', 'format': 'text', 'content': model['content'].replace(old, new, 1)}
    hub.api('PUT', f'/user/{name}/api/contents/{path}', hub.tokens[name], json=body)


def test_a_second_click_merges_a_fix_and_keeps_the_students_edit(hub):
    name = STUDENTS[0]
    if 'all_chapters_ran_s' not in hub.measured:
        pytest.skip('needs the running students of the first test')
    path = f'{hub.remote.name}/notebooks/{CHAPTER}'
    edit_line(hub, name, path, 'Şimdiye kadar', f'{STUDENT_EDIT} Şimdiye kadar')
    upstream = hub.remote / 'notebooks' / CHAPTER  # the teacher's fix, at the chapter's end
    chapter = nbformat.read(upstream, as_version=nbformat.NO_CONVERT)
    chapter.cells[-1].source += f'\n\n{FIX}'
    nbformat.write(chapter, upstream)
    subprocess.run(['git', '-c', 'user.name=Ogretmen', '-c', 'user.email=o@example.org', 'commit',
                    '-qam', 'Bir düzeltme'], cwd=hub.remote, check=True)
    pull(hub, name)
    text = (hub.homes / name / path).read_text(encoding='utf-8')
    assert STUDENT_EDIT in text and FIX in text
    json.loads(text)  # still a notebook


def test_a_student_logs_in_clicks_and_sees_the_chapter_in_jupyterlab(hub, browser):
    name = STUDENTS[0]
    if 'all_chapters_ran_s' not in hub.measured:
        pytest.skip('needs the running students of the first test')
    page = browser.new_page()
    try:
        page.goto(hub.link())
        page.fill('#username_input', name)
        page.fill('#password_input', PASSWORD)
        page.screenshot(path=ARTIFACTS / '1-giris.png')
        page.click('#login_submit')
        page.wait_for_url(f'**/user/{name}/lab/tree/**', timeout=180_000)
        title = page.locator('.jp-Notebook .jp-MarkdownOutput h1').first
        title.wait_for(timeout=180_000)
        assert 'Çekişmeli Üretici Ağlar' in title.inner_text()
        page.screenshot(path=ARTIFACTS / '2-jupyterlab-bolum.png')
    finally:
        page.close()


@run_last  # the other tests run while the servers sit idle for IDLE_TIMEOUT
def test_the_culler_stops_the_servers_that_sit_idle(hub):
    if 'all_chapters_ran_s' not in hub.measured:  # else no server ever ran
        pytest.skip('needs the running students of the first test')
    deadline = time.monotonic() + IDLE_TIMEOUT + 300  # 15 s checks, plus a loaded machine
    while hub.servers() and time.monotonic() < deadline:
        time.sleep(5)
    assert not hub.servers(), f'still running: {sorted(hub.servers())}'
    uids = {pwd.getpwnam(name).pw_uid for name in STUDENTS}
    for _ in range(30):  # the stopped servers' processes end
        if not processes_of(uids):
            break
        time.sleep(1)
    assert not processes_of(uids)
