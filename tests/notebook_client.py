"""An nbclient ``NotebookClient`` that cannot lose a cell's ``execute_reply`` (issue 13).

nbclient waits for each cell's ``execute_reply`` on an asyncio socket, while the replies it
sends for ipywidgets ``Output`` widgets go out through a blocking shadow of that same socket
(jupyter_client's ``Session.send``). A reply that arrives just as such a send runs is then
never noticed, and the run hangs with the kernel idle; many cores make that timing common.
``test_kernel_messages.py`` replays it. Known upstream, still open: jupyter/nbclient#312,
jupyter/jupyter_client#1059. Used by the tests that execute notebooks and by
``benchmarks/course_runtime.py``; when the replay test says upstream fixed it, delete this.
"""
from nbclient import NotebookClient


class ThroughAsyncSocket:
    """Hands ``Session.send``'s frames to the asyncio socket, not to a blocking shadow of it."""

    def __init__(self, socket):
        self.socket = socket

    def send_multipart(self, parts, flags=0, copy=True):
        """Send as the asyncio socket does, so that its pending polls see what arrives meanwhile."""
        return self.socket.send_multipart(parts, flags=flags, copy=copy)


def send_through_the_async_socket(channel):
    """Make an asyncio kernel-client channel send without losing the wake-up of its polls."""
    channel.send = lambda msg: channel.session.send(ThroughAsyncSocket(channel.socket), msg)


def notebook_client(nb, **kwargs):
    """An nbclient ``NotebookClient`` whose shell channel cannot miss an ``execute_reply``."""
    client = NotebookClient(nb, kernel_name='python3', **kwargs)
    client.on_notebook_start = lambda **_: send_through_the_async_socket(client.kc.shell_channel)
    return client
