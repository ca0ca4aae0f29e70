"""Test and benchmark harness, part of the project.

Real services started on loopback (Mosquitto, HTTP servers for the vendor fakes) for the tests,
`bench/` and `demo/`. Nothing here is imported by `edge` or `cloud`.

```
harness.processes  free loopback ports, waiting for a listener, stopping a process
harness.mosquitto  one Mosquitto: passwords, ACL, TLS listeners, stop (SIGTERM) and kill (SIGKILL)
harness.mqtt       a paho client that keeps what it receives
harness.tcpproxy   a loopback proxy that can cut a service (the database) off
harness.speech     espeak-ng utterances and dialogues
harness.http       an ASGI app on a free port (vendor fakes)
harness.twilio     a fake Twilio Messages resource (follow-up texts)
```
"""
