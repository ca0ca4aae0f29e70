"""paho's client with a TLS handshake that closes its socket on failure (paho leaks it).

Shared by the hub's link and the cloud's consumer, which both verify the broker's certificate
and host name through the context `tls_set`/`tls_set_context` installs (`check_hostname`).
"""

from __future__ import annotations

import socket
import ssl

import paho.mqtt.client as mqtt


class TlsClient(mqtt.Client):
    """A paho client whose failed TLS handshakes leave no socket open."""

    def _ssl_wrap_socket(self, tcp_sock: socket.socket) -> ssl.SSLSocket:
        """The TLS wrap of paho, closing the socket when the handshake fails."""
        context = self._ssl_context
        if context is None:
            raise ssl.SSLError("TLS is on but no TLS context was set up")
        ssl_sock = context.wrap_socket(
            tcp_sock, server_hostname=self._host, do_handshake_on_connect=False
        )
        try:
            ssl_sock.settimeout(self._connect_timeout)
            ssl_sock.do_handshake()
        except BaseException:
            ssl_sock.close()
            raise
        return ssl_sock
