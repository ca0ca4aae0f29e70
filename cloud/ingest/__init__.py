"""Ingest: MQTT messages in, validated and deduplicated events and projections out.

```
cloud.ingest.check      topic + envelope + registered hub -> an event, a dead letter or a rejection
cloud.ingest.project    apply new events to the read models (conversations, prompts, ...)
cloud.ingest.writer     one transaction per batch: idempotent event upsert, projections, audit
cloud.ingest.receipts   what a committed batch tells each hub it may let go of
cloud.ingest.consumer   the paho-mqtt client (shared subscription, receipts and acks after commit)
```
"""
