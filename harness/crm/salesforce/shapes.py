"""Salesforce request shapes from Salesforce's Postman collection (CC0, copied in `postman/`).

Every request the connector sends (and every Composite subrequest) must match one item: its
path template (`{{_endpoint}}/services/data/v{{version}}/sobjects/<SOBJECT_API_NAME>/...`), one
of its methods, its Content-Type when there is a body, its form keys (token requests) and, for
Composite, its body keys and their types. A mismatch is answered with Salesforce's error.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

POSTMAN = Path(__file__).parent / "postman"
_METHODS = re.compile(r"^(?:[A-Z]+, )*[A-Z]+$")
#: Not in the 2021 collection: the client credentials grant (REST API Developer Guide).
CLIENT_CREDENTIALS_FORM = ("grant_type", "client_id", "client_secret")
JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
#: Keys of one Composite subrequest (REST API Developer Guide, "Composite Subrequest").
SUBREQUEST_KEYS = {"method": True, "url": True, "referenceId": True, "body": False}


class ShapeError(Exception):
    """A request that does not match the vendor's shape; carries Salesforce's answer."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Item:
    """One Postman request item, compiled."""

    name: str
    methods: frozenset[str]
    pattern: re.Pattern[str]
    literal: int
    content_type: str | None
    form_keys: tuple[str, ...]
    body_types: dict[str, str]
    query_keys: tuple[str, ...]


def _compile(raw: dict[str, object]) -> Item:
    url = str(raw["url"]).split("?")[0].replace("{{_endpoint}}", "").replace("{{url}}", "")
    url = url.replace("{{site}}", "")
    regex = re.escape(url.rstrip("/"))
    regex = regex.replace(re.escape("{{version}}"), r"(?P<version>\d+\.\d)")
    regex = re.sub(r"<([A-Z_]+)>", lambda m: f"(?P<{m[1].lower()}>[^/]+)", regex)
    methods = {str(raw["method"])}
    last_line = str(raw.get("description") or "").strip().splitlines()[-1:] or [""]
    if _METHODS.match(last_line[0]):
        methods |= set(last_line[0].split(", "))
    headers = {str(h["key"]): str(h["value"]) for h in raw.get("headerData") or []}  # type: ignore[attr-defined]
    form = tuple(str(d["key"]) for d in raw.get("data") or [] if isinstance(d, dict))  # type: ignore[attr-defined]
    body_types: dict[str, str] = {}
    if raw.get("rawModeData"):
        try:
            body_types = {str(k): str(v) for k, v in json.loads(str(raw["rawModeData"])).items()}
        except (ValueError, AttributeError):
            body_types = {}
    queries = tuple(str(q["key"]) for q in raw.get("queryParams") or [])  # type: ignore[attr-defined]
    return Item(
        name=str(raw["name"]),
        methods=frozenset(methods),
        pattern=re.compile(f"^{regex}/?$"),
        literal=len(re.sub(r"<[A-Z_]+>|\{\{\w+\}\}", "", url)),
        content_type=headers.get("Content-Type"),
        form_keys=form,
        body_types=body_types,
        query_keys=queries,
    )


def load() -> list[Item]:
    """The copied items, most specific path first."""
    items = [_compile(json.loads(path.read_text())) for path in sorted(POSTMAN.glob("*.json"))]
    return sorted(items, key=lambda item: -item.literal)


class Shapes:
    """Validates requests against the Postman items."""

    def __init__(self) -> None:
        self.items = load()

    def match(self, method: str, path: str) -> tuple[Item, dict[str, str]]:
        """The item for `method path`, with the path's variables."""
        allowed: set[str] = set()
        for item in self.items:
            found = item.pattern.match(path)
            if found is None:
                continue
            if method in item.methods:
                return item, found.groupdict()
            allowed |= item.methods
        if allowed:
            raise ShapeError(
                405,
                "METHOD_NOT_ALLOWED",
                f"HTTP Method '{method}' not allowed. Allowed are {','.join(sorted(allowed))}",
            )
        raise ShapeError(404, "NOT_FOUND", "The requested resource does not exist")

    @staticmethod
    def content_type(item: Item, content_type: str | None, has_body: bool) -> None:
        """A body needs the item's Content-Type."""
        if not has_body or item.content_type is None:
            return
        if (content_type or "").split(";")[0].strip() != item.content_type:
            raise ShapeError(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                f"Content-Type header specified in HTTP request is not supported: {content_type}",
            )

    @staticmethod
    def query(item: Item, keys: set[str]) -> None:
        """Every query parameter the item declares is present (parameterized search's q)."""
        missing = [key for key in item.query_keys if key not in keys]
        if missing:
            raise ShapeError(400, "MISSING_ARGUMENT", f"missing query parameter(s): {missing}")

    @staticmethod
    def composite_body(item: Item, body: object) -> list[dict[str, object]]:
        """Body keys and types as the Composite item declares; the subrequests."""
        if not isinstance(body, dict):
            raise ShapeError(400, "JSON_PARSER_ERROR", "The request body must be a JSON object")
        for key, value in body.items():
            kind = item.body_types.get(key)
            if kind is None:
                raise ShapeError(400, "JSON_PARSER_ERROR", f'Unrecognized field "{key}"')
            if kind == "Boolean" and not isinstance(value, bool):
                raise ShapeError(400, "JSON_PARSER_ERROR", f"{key} must be a Boolean")
        subrequests = body.get("compositeRequest")
        if not isinstance(subrequests, list) or not subrequests:
            raise ShapeError(400, "INVALID_FIELD", "compositeRequest must be a non-empty array")
        for sub in subrequests:
            if not isinstance(sub, dict):
                raise ShapeError(400, "JSON_PARSER_ERROR", "a subrequest must be an object")
            unknown = set(sub) - set(SUBREQUEST_KEYS)
            missing = [k for k, needed in SUBREQUEST_KEYS.items() if needed and k not in sub]
            if unknown or missing:
                raise ShapeError(
                    400, "JSON_PARSER_ERROR", f"bad subrequest keys: {unknown or missing}"
                )
        return subrequests

    @staticmethod
    def token_form(item: Item, form: dict[str, str]) -> None:
        """The form keys of the grant (JWT bearer from the Postman item; client credentials)."""
        grant = form.get("grant_type")
        if grant not in {JWT_GRANT, "client_credentials"}:
            raise ShapeError(400, "unsupported_grant_type", "grant type not supported")
        expected = CLIENT_CREDENTIALS_FORM if grant == "client_credentials" else item.form_keys
        missing = [key for key in expected if not form.get(key)]
        if missing:
            raise ShapeError(400, "invalid_request", f"missing {', '.join(missing)}")
