"""What the browser tests' local servers (JupyterLab, Voilà) share: a free port and a clean stop."""
import os
import signal
import socket
import subprocess


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def stop(process, log):
    """SIGTERM the server (it stops its kernels), SIGKILL its group after 30 s; close its log."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    log.close()
