"""A real Mosquitto for a test: free loopback port, persistence, password file and ACL."""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType

import paho.mqtt.client as mqtt
from paho.mqtt.enums import CallbackAPIVersion

from tests.mqtt_broker import free_port


class Mosquitto:
    """Runs `mosquitto -c CONFIG` with the password and ACL files of `directory`."""

    def __init__(self, directory: Path, extra: str = "") -> None:
        """Files go to `directory` (passwords and acl are expected there); `extra` config."""
        self.directory = directory
        self.extra = extra
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> Mosquitto:
        """Start and wait until it accepts connections."""
        config = self.directory / "mosquitto.conf"
        config.write_text(
            f"listener {self.port} 127.0.0.1\n"
            "allow_anonymous false\n"
            f"password_file {self.directory / 'passwords'}\n"
            f"acl_file {self.directory / 'acl'}\n"
            "persistence true\n"
            f"persistence_location {self.directory}/\n"
            "user root\n"
            f"log_dest file {self.directory / 'mosquitto.log'}\n{self.extra}",
            encoding="utf-8",
        )
        self.process = subprocess.Popen(["mosquitto", "-c", str(config)])
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"mosquitto exited: {self.log()}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("mosquitto did not start in 10 s")

    def reload(self) -> None:
        """SIGHUP: re-read the password and ACL files."""
        if self.process is not None:
            self.process.send_signal(signal.SIGHUP)
            time.sleep(0.3)

    def stop(self) -> None:
        """Terminate and reap."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None

    def log(self) -> str:
        """The broker's log so far."""
        path = self.directory / "mosquitto.log"
        return path.read_text(encoding="utf-8") if path.exists() else ""

    def __enter__(self) -> Mosquitto:
        return self.start()

    def __exit__(
        self, _t: type[BaseException] | None, _e: BaseException | None, _tb: TracebackType | None
    ) -> None:
        self.stop()


class Client:
    """A connected paho client (MQTT 5) for tests, with the CONNACK reason kept."""

    def __init__(self, port: int, username: str, password: str, client_id: str = "") -> None:
        """Connect and start the network loop; `refused` says if the broker said no."""
        self.client = mqtt.Client(
            CallbackAPIVersion.VERSION2, client_id=client_id, protocol=mqtt.MQTTv5
        )
        self.client.username_pw_set(username, password)
        self.received: list[mqtt.MQTTMessage] = []
        self.reason: str | None = None
        self.client.on_connect = lambda _c, _u, _f, rc, _p: setattr(self, "reason", str(rc))
        self.client.on_message = lambda _c, _u, msg: self.received.append(msg)
        self.client.connect("127.0.0.1", port)
        self.client.loop_start()
        deadline = time.monotonic() + 5
        while self.reason is None and time.monotonic() < deadline:
            time.sleep(0.02)

    def publish(self, topic: str, payload: bytes) -> None:
        """QoS 1, wait for the PUBACK."""
        self.client.publish(topic, payload, qos=1).wait_for_publish(timeout=5)

    def close(self) -> None:
        """Disconnect and stop the loop thread."""
        self.client.disconnect()
        self.client.loop_stop()
