"""Test and benchmark harness, part of the project.

Real services started on loopback (Mosquitto, HTTP servers for the vendor fakes) for the tests,
`bench/` and `demo/`. Nothing here is imported by `edge` or `cloud`.
"""
