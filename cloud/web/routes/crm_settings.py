"""Per-site CRM settings (admins only): vendor, credentials, mappings, steps, language, test.

The language is the dealer's: the summaries sent onwards are written in it (`cloud.crm.wording`).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from cloud.crm.connect import vendor_settings
from cloud.crm.connector import CrmError
from cloud.crm.model import STEPS, VENDORS, Check
from cloud.crm.vault import Vault
from cloud.crm.wording import LANGUAGE_NAMES, summary_language
from cloud.store.base import utcnow
from cloud.store.crm import CrmConfigRow
from cloud.store.tenancy import Site, Staff
from cloud.views.scope import Principal
from cloud.web.crm_panel import call
from cloud.web.deps import (
    CurrentUser,
    SessionDep,
    check_csrf,
    render,
    require_admin,
    translations,
)
from cloud.web.i18n import language_name

router = APIRouter(tags=["crm"], include_in_schema=False)
Csrf = [Depends(check_csrf)]
Area = Annotated[str, Form(max_length=20000)]


def _site(session: Session, user: Principal, site_id: str) -> Site:
    require_admin(user)
    site = session.get(Site, (user.tenant_id, site_id))
    if site is None or (user.site_id is not None and user.site_id != site_id):
        raise HTTPException(404, f"no site {site_id!r}")
    return site


def _lines(text: str) -> dict[str, str]:
    """`name = value` lines (blank lines and `#` comments skipped); ValueError names a bad one."""
    found: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, sep, value = line.partition("=")
        if not sep or not name.strip():
            raise ValueError(f"line {number} is not `name = value`")
        found[name.strip()] = value.strip()
    return found


def _page(
    request: Request, user: Principal, session: Session, site: Site, **extra: Any
) -> Response:
    code = int(extra.pop("code", 200))
    row = session.get(CrmConfigRow, (site.tenant_id, site.id))
    staff = session.scalars(
        select(Staff).where(Staff.tenant_id == site.tenant_id, Staff.site_id == site.id)
    ).all()
    secrets = sorted(Vault.of(request.app.state.settings).open(row.credentials)) if row else []
    context = {
        "site": site,
        "row": row,
        "staff": staff,
        "secret_names": secrets,  # names only: the values are never shown again
        "vendors": VENDORS,
        "steps": STEPS,
        "languages": {code: language_name(code) for code in LANGUAGE_NAMES},
        "user": user,
        "path": request.url.path,
        **extra,
    }
    return render(request, "crm_settings.html", context, status_code=code)


@router.get("/crm/settings/{site_id}", response_class=HTMLResponse)
def settings_page(
    request: Request, user: CurrentUser, session: SessionDep, site_id: str
) -> Response:
    """The site's CRM settings."""
    return _page(request, user, session, _site(session, user, site_id))


@router.post("/crm/settings/{site_id}", response_class=HTMLResponse, dependencies=Csrf)
def save(
    request: Request,
    user: CurrentUser,
    session: SessionDep,
    site_id: str,
    vendor: Annotated[str, Form()],
    settings: Area = "{}",
    credentials: Area = "",
    user_map: Area = "",
    steps: Annotated[list[str] | None, Form()] = None,
    enabled: Annotated[bool, Form()] = False,
    language: Annotated[str, Form(max_length=8)] = "en",
) -> Response:
    """Save; credentials left blank keep the stored ones, and are never shown again."""
    site = _site(session, user, site_id)
    try:
        if vendor not in VENDORS:
            raise ValueError(f"unknown vendor {vendor!r}")
        parsed = json.loads(settings or "{}")
        if not isinstance(parsed, dict):
            raise ValueError("settings must be a JSON object")
        secrets, users = _lines(credentials), _lines(user_map)
        unknown = sorted(set(steps or ()) - set(STEPS))
        if unknown:
            raise ValueError(f"unknown step {unknown[0]!r}")
        dealer_language = summary_language(language)
    except ValueError as err:  # json.JSONDecodeError is one
        return _page(
            request,
            user,
            session,
            site,
            code=400,
            problem=translations(request).gettext("not saved: %(why)s") % {"why": err},
        )
    vault = Vault.of(request.app.state.settings)
    row = session.get(CrmConfigRow, (site.tenant_id, site.id))
    if row is None:
        row = CrmConfigRow(tenant_id=site.tenant_id, site_id=site.id, credentials="")
        session.add(row)
    row.vendor, row.settings, row.user_map, row.enabled = vendor, parsed, users, enabled
    row.language = dealer_language
    row.steps = ",".join(step for step in STEPS if step in (steps or ()))
    if secrets:
        row.credentials = vault.seal(secrets)
    row.paused_reason, row.updated_by, row.updated_at = None, user.email, utcnow()
    session.flush()
    warning = None
    try:
        vendor_settings(row, vault)
    except CrmError as err:
        warning = translations(request).gettext(
            "Saved, but the connector cannot start: %(why)s"
        ) % {"why": err}
    return _page(request, user, session, site, saved=True, problem=warning)


@router.post("/crm/settings/{site_id}/test", response_class=HTMLResponse, dependencies=Csrf)
def test_connection(
    request: Request, user: CurrentUser, session: SessionDep, site_id: str
) -> Response:
    """Authenticate, read scopes and custom fields; say exactly what is wrong."""
    site = _site(session, user, site_id)
    row = session.get(CrmConfigRow, (site.tenant_id, site.id))
    if row is None:
        result = Check(
            ok=False,
            detail=translations(request).gettext("no CRM settings saved for this site yet"),
        )
    else:
        try:
            result = call(request, row, lambda connector: connector.check())
        except CrmError as err:
            result = Check(ok=False, detail=str(err))
    return _page(request, user, session, site, check=result)
