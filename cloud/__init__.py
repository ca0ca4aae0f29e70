"""The Showfloor cloud: MQTT ingest, a multi-tenant store and the managers' web view.

```
cloud.settings    CloudSettings (SHOWFLOOR_CLOUD_*)
cloud.store       SQLAlchemy models, engine, Alembic migrations, tenancy admin, audit log
cloud.ingest      the MQTT consumer and the batch writer (validation, dedupe, projections)
cloud.access      password hashing and policy, API tokens, login throttling
cloud.provision   hub MQTT credentials, Mosquitto password/ACL files, hub config snippets
cloud.commands    commands to hubs (forget-subject, enrollment sync, config reload)
cloud.web         FastAPI app: pages, charts, CSV export, JSON API
```
"""

from __future__ import annotations

__version__ = "0.1.0"
