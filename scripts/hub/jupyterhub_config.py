"""The class hub's settings, all in this file: `bash scripts/hub.sh` starts JupyterHub with them.

JupyterHub on 127.0.0.1 for one class. Each student is a system user of their own (created at
their first login, home readable by them alone) whose server is the course's .venv: JupyterLab with
the course's extras and nbgitpuller. A culler stops servers that sit idle, so that a class's
forgotten servers give their memory back. Login: one class password (see ClassAuthenticator).

Read from the environment (scripts/hub.sh sets them; the tests set their own):
  D2LMINI_HUB_PASSWORD, D2LMINI_HUB_ADMIN_PASSWORD  the class's and the teacher's passwords
  D2LMINI_HUB_PORT          the port on 127.0.0.1 (8000)
  D2LMINI_HUB_HOMES         where the students' homes are made (/home)
  D2LMINI_HUB_SOCKETS       where each student's kernels keep their sockets (/run/d2lmini-hub)
  D2LMINI_HUB_IDLE_TIMEOUT  seconds of idleness after which a server is stopped (3600)
"""
import grp
import os
import pwd
import sys
from pathlib import Path

from jupyterhub.auth import LocalAuthenticator
from jupyterhub.authenticators.shared import SharedPasswordAuthenticator

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / '.venv' / 'bin'
TEACHER = 'ogretmen'
GROUP = 'd2lmini-sinif'  # every user the hub made (scripts/hub.sh creates the group)
HOMES = os.environ.get('D2LMINI_HUB_HOMES', '/home')
IDLE_TIMEOUT = int(os.environ.get('D2LMINI_HUB_IDLE_TIMEOUT', 3600))
SOCKETS = Path(os.environ.get('D2LMINI_HUB_SOCKETS', '/run/d2lmini-hub'))  # see Spawner.args
# how often activity is reported and the culler looks: a few times per timeout, at most 5 minutes
CHECK_EVERY = max(5, min(300, IDLE_TIMEOUT // 6))


class ClassAuthenticator(LocalAuthenticator, SharedPasswordAuthenticator):
    """One password for the class, one for the teacher; a new name becomes a new system user.

    Fit for a lab session where the teacher writes the class password on the board. Anyone who
    knows it can log in under any student's name (the file system still keeps each home private),
    so for graded work plug in the university's login instead: LTI 1.3 from the LMS
    (jupyterhub-ltiauthenticator), OAuth/OpenID Connect (oauthenticator), LDAP
    (jupyterhub-ldapauthenticator), or per-student passwords (jupyterhub-nativeauthenticator).
    """

    def check_blocked_users(self, username, authentication=None):
        """Refuse the names of the machine's other users, root among them: a server runs as the
        user of its name, so only new names and the hub's own users (its group) may log in."""
        try:
            pwd.getpwnam(username)
        except KeyError:
            return super().check_blocked_users(username, authentication)
        return (username in grp.getgrnam(GROUP).gr_mem
                and super().check_blocked_users(username, authentication))


def socket_folder(spawner):
    """The student's own folder for their kernels' sockets (JUPYTER_RUNTIME_DIR), made at spawn."""
    user = pwd.getpwnam(spawner.user.name)
    SOCKETS.mkdir(mode=0o755, exist_ok=True)
    folder = SOCKETS / user.pw_name
    folder.mkdir(mode=0o700, exist_ok=True)
    os.chown(folder, user.pw_uid, user.pw_gid)
    return str(folder)


c = get_config()  # noqa: F821 (JupyterHub defines it when it loads this file)
c.JupyterHub.ip = '127.0.0.1'
c.JupyterHub.port = int(os.environ.get('D2LMINI_HUB_PORT', 8000))
c.JupyterHub.hub_ip = '127.0.0.1'
c.ConfigurableHTTPProxy.command = [str(ROOT / 'scripts/hub/node_modules/.bin/'
                                       'configurable-http-proxy')]
c.JupyterHub.last_activity_interval = CHECK_EVERY

c.JupyterHub.authenticator_class = ClassAuthenticator
c.ClassAuthenticator.user_password = os.environ['D2LMINI_HUB_PASSWORD']
c.ClassAuthenticator.admin_password = os.environ['D2LMINI_HUB_ADMIN_PASSWORD']
c.ClassAuthenticator.admin_users = {TEACHER}
c.ClassAuthenticator.allow_all = True
c.ClassAuthenticator.create_system_users = True
# a home that only its student can enter (Debian's default mode would let everyone read it)
c.ClassAuthenticator.add_user_cmd = ['useradd', '--create-home', '--base-dir', HOMES,
                                     '--key', 'HOME_MODE=0700', '--shell', '/bin/bash',
                                     '--user-group', '--groups', GROUP]

c.Spawner.cmd = [str(VENV / 'jupyterhub-singleuser')]
# Kernels talk to their server over Unix sockets, not TCP ports: ten servers starting kernels at
# once each pick free ports on their own, two can pick the same one, and the kernel that loses
# hangs. The sockets' folder, SOCKETS/<name>, keeps the path short (a socket's path has
# at most 107 bytes) and lets no other student reach them.
c.Spawner.args = ['--KernelManager.transport=ipc']
c.Spawner.default_url = '/lab'
c.Spawner.start_timeout = c.Spawner.http_timeout = 180  # ten servers starting at once, 2 cores
c.Spawner.environment = {'JUPYTERHUB_ACTIVITY_INTERVAL': str(CHECK_EVERY),
                         'JUPYTER_RUNTIME_DIR': socket_folder,
                         'OMP_WAIT_POLICY': 'PASSIVE'}  # students share the cores

c.JupyterHub.services = [{
    'name': 'idle-culler',
    'command': [sys.executable, '-m', 'jupyterhub_idle_culler', f'--timeout={IDLE_TIMEOUT}',
                f'--cull-every={CHECK_EVERY}'],
}]
c.JupyterHub.load_roles = [{
    'name': 'idle-culler',
    'scopes': ['list:users', 'read:users:activity', 'read:servers', 'delete:servers'],
    'services': ['idle-culler'],
}]
