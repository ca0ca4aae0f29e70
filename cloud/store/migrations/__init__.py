"""Alembic migrations of the cloud store (`showfloor-cloud migrate`)."""
