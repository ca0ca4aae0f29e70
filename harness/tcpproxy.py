"""A loopback TCP proxy that can cut a service off, as a network or server outage does.

```python
with TcpProxy(5432) as proxy:          # clients connect to 127.0.0.1:proxy.port
    proxy.cut()                        # every connection reset, new ones refused
    proxy.restore()                    # accepted again
```

Threads only (one to accept, two per connection); used to take PostgreSQL away from ingest
without stopping the shared server.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from types import TracebackType

from harness.processes import free_port


class TcpProxy:
    """Forwards 127.0.0.1:`port` to 127.0.0.1:`target`."""

    def __init__(self, target: int) -> None:
        """Listen on a free loopback port (not yet accepting: use `with`)."""
        self.target = target
        self.port = free_port()
        self._listener = socket.create_server(("127.0.0.1", self.port))
        self._listener.settimeout(0.1)
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._up = threading.Event()
        self._up.set()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._acceptor = threading.Thread(target=self._accept, name=f"proxy-{self.port}")

    def cut(self) -> None:
        """Reset every open connection and refuse new ones until `restore`."""
        self._up.clear()
        self._close_all()

    def restore(self) -> None:
        """Accept and forward again."""
        self._up.set()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            if not self._up.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target), 5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._open.update((client, upstream))
            for source, sink in ((client, upstream), (upstream, client)):
                thread = threading.Thread(target=self._pipe, args=(source, sink), daemon=True)
                thread.start()
                self._threads.append(thread)

    def _pipe(self, source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for sock in (source, sink):
            self._close(sock)

    def _close(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.discard(sock)
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()

    def _close_all(self) -> None:
        with self._lock:
            doomed = list(self._open)
        for sock in doomed:
            self._close(sock)

    def __enter__(self) -> TcpProxy:
        self._acceptor.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._acceptor.join(5)
        self._listener.close()
        self._close_all()
        for thread in self._threads:
            thread.join(5)
