"""Admins read and export the audit log of their tenant (a site-limited admin: their site's)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.store.audit import AuditEntry
from cloud.store.zones import localize, site_zones
from cloud.views.scope import Principal
from cloud.views.table import Table
from cloud.web.clock import zone_for
from cloud.web.deps import CurrentUser, SessionDep, render_page, require_admin

router = APIRouter(tags=["audit"], include_in_schema=False)
AUDIT_COLUMNS = ["at", "actor", "action", "target", "detail", "site"]


def audit_table(session: Session, admin: Principal, limit: int = 1000) -> Table:
    """The newest audit entries the admin may read."""
    query = select(AuditEntry).where(AuditEntry.tenant_id == admin.tenant_id)
    if admin.site_id is not None:
        query = query.where(AuditEntry.site_id == admin.site_id)
    rows = session.scalars(query.order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit))
    by_site = site_zones(session, admin.tenant_id)

    def at(entry: AuditEntry) -> str:  # the site's wall-clock time; tenant-wide entries in UTC
        zone = zone_for(by_site, entry.site_id)
        return localize(entry.at, zone).isoformat(timespec="seconds")

    return Table(
        "audit",
        "Audit log",
        AUDIT_COLUMNS,
        [[at(r), r.actor, r.action, r.target, r.detail, r.site_id] for r in rows],
    )


@router.get("/audit", response_class=HTMLResponse)
def audit_page(request: Request, user: CurrentUser, session: SessionDep) -> Response:
    """Who did what (admins)."""
    require_admin(user)
    return render_page(request, user, "audit.html", table=audit_table(session, user))


@router.get("/audit.csv")
def audit_csv(user: CurrentUser, session: SessionDep) -> Response:
    """The audit log as CSV (admins)."""
    require_admin(user)
    return audit_table(session, user, limit=100_000).response()
