"""Security headers on every response (the nginx snippet sets the same ones).

The pages load scripts, styles and images from this origin only: no inline script, no inline
style, nothing from a CDN; no framing by other sites; nothing but the static files may be
cached (`Cache-Control: no-store`, ASVS V8.2.1). HSTS only when the app is told it is
served over HTTPS (`secure_cookies`), since a browser would otherwise refuse the plain-HTTP demo.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS: tuple[tuple[str, str], ...] = (
    ("content-security-policy", CSP),
    ("x-frame-options", "DENY"),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "same-origin"),
    ("cross-origin-opener-policy", "same-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
)
HSTS = ("strict-transport-security", "max-age=31536000; includeSubDomains")
NO_STORE = ("cache-control", "no-store")


class SecurityHeaders:
    """ASGI middleware that adds `HEADERS` (and HSTS if `hsts`) unless a response set them."""

    def __init__(self, app: ASGIApp, hsts: bool) -> None:
        """Wrap `app`."""
        self._app = app
        self._headers = [*HEADERS, HSTS] if hsts else list(HEADERS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request through; add the headers to the response's start."""
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return

        headers = list(self._headers)
        if not str(scope.get("path", "")).startswith("/static/"):
            headers.append(NO_STORE)  # pages and API answers hold tenant data

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", []))
                present = {name.lower() for name, _ in raw}
                for name, value in headers:
                    if name.encode() not in present:
                        raw.append((name.encode(), value.encode()))
                message["headers"] = raw
            await send(message)

        await self._app(scope, receive, send_with_headers)
