"""The cloud's SQL store: tables, engine, migrations and the tenancy admin operations.

```
cloud.store.base         declarative base and naming convention
cloud.store.tenancy      tenants, sites, hubs, staff, users, API tokens
cloud.store.events       raw events, dead letters, rejection counts, command audit
cloud.store.projections  conversations, turns, prompts, alerts, presence, traffic
cloud.store.db           engine and sessions for SQLite or PostgreSQL
cloud.store.migrate      Alembic, run from code (`showfloor-cloud migrate`)
cloud.store.admin        create tenants, sites, hubs, users, tokens
```
"""
