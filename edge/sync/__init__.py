"""Durable delivery of the hub's events to the cloud, and the cloud's commands to the hub.

```
edge.sync.settings    the `sync` configuration section (broker, TLS, outbox)
edge.sync.errors      what can go wrong, as a small tree of EdgeError
edge.sync.schema      the outbox's SQLite schema as numbered migrations
edge.sync.priority    which events are dropped first when the outbox is over budget
edge.sync.outbox      the SQLite outbox: commit before publish, kept until the cloud's receipt
edge.sync.backoff     exponential backoff with jitter
edge.sync.link        one paho-mqtt client and its network thread (connect, TLS, will)
edge.sync.commands    cloud-to-hub commands: parse, hand to the daemon, acknowledge
edge.sync.publisher   drains the outbox over the link, in order; takes receipts, re-sends
edge.sync.pump        `python -m edge.sync.pump`: feed N events through outbox and publisher
```
"""
