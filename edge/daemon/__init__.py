"""The hub daemon (`showfloor-edge run`): one composition root, one task per source and sink.

```
edge.daemon.systemd    sd_notify: READY, WATCHDOG, STATUS, STOPPING
edge.daemon.health     what each part of the hub is doing; the status event and `doctor`
edge.daemon.supervise  a part's reconnect loop: run, log, back off with jitter, retry
```
"""
