"""Times on the pages in the site's own time zone: the `local` template filter."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from markupsafe import Markup

from cloud.store import zones


def zone_for(site_zones: Mapping[str, str], site_id: str | None) -> str:
    """The zone of `site_id` (UTC for a row of no site or a site not in the map)."""
    return site_zones.get(site_id or "", zones.DEFAULT_ZONE)


def local(
    value: datetime | None,
    site_zones: Mapping[str, str] | str,
    site_id: str | None = None,
    fmt: str = "%Y-%m-%d %H:%M",
) -> Markup:
    """`value` as the site's wall-clock time and its zone's abbreviation (`14:05 CST`).

    `site_zones` is a zone name, or a map of site id -> zone looked up with `site_id`. Plain
    text, a few bytes a time: the pages stay as light as before.
    """
    if value is None:
        return Markup("\u2013")  # an en dash, as the pages show a missing value
    zone = site_zones if isinstance(site_zones, str) else zone_for(site_zones, site_id)
    moment = zones.localize(value, zone)
    return Markup("{} {}").format(moment.strftime(fmt), moment.tzname())
