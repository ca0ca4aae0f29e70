"""The OpenAPI document of the JSON API, for admins only (session cookie or API token).

No Swagger UI or ReDoc: both load their scripts from a public CDN, which an offline appliance
cannot reach and a CSP of `script-src 'self'` forbids. Tools (schemathesis, code generators)
read this document.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request, status

from cloud.web.deps import SessionDep, any_user

router = APIRouter(tags=["docs"], include_in_schema=False)


@router.get("/openapi.json")
def openapi(request: Request, session: SessionDep) -> dict[str, Any]:
    """The app's OpenAPI schema; 401 without a login, 403 for non-admins."""
    user = any_user(request, session)
    if user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "sign in or send an admin's API token",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if user.role != "admin":
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admins only")
    schema: dict[str, Any] = request.app.openapi()
    return schema
