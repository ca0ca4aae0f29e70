"""CRM/DMS sync: the floor reaches the dealer's HubSpot, Salesforce, Dynamics or DMS.

Data flow: a link (conversation -> person, with consent), a conversation's end and each showroom
step write a `SyncJob` into the sync outbox in the same transaction; sync workers claim jobs,
hand them to the site's `Connector` in batches, and record each `JobResult`.

- `model`: what is synced; `connector`: the one interface every vendor implements (one module
  per vendor under `vendors`); `connect`: a settings row to a connector; `vault`: credentials.
- `steps`, `activity`, `enqueue`, `hook` (called by the ingest projection), `people`: jobs in.
- `claim`, `record`, `worker`, `service`: jobs out; `status`, `preview`, `forget`.
"""
