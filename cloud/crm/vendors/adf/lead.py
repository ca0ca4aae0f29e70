"""An ADF 1.0 XML lead for one linked conversation (built with the standard library).

The document starts with `<?xml version="1.0" encoding="UTF-8"?>` and `<?adf version="1.0"?>`
and follows the ADF DTD: one `<prospect>` (status `new`, or `resend` when the same lead goes
out again) whose `<id sequence="1" source="Showfloor">` is our job key, so the DMS can
de-duplicate; the vehicle of interest (interest `test-drive` when the customer drove it, else
`buy`) and the trade-in; the customer's contact and the summary as comments; the rooftop as
vendor; Showfloor as provider.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from cloud.crm.connector import CrmError
from cloud.crm.model import LogActivity, Person, Vehicle
from cloud.crm.vendors.adf.comments import comments
from cloud.crm.vendors.adf.settings import Settings

PROVIDER = "Showfloor"
HEADER = '<?xml version="1.0" encoding="UTF-8"?>\n<?adf version="1.0"?>\n'
#: Characters XML 1.0 cannot carry at all (a redacted transcript should hold none).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class IncompleteLead(CrmError):
    """The job lacks what every ADF lead needs (a customer e-mail or phone)."""


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def _vehicle(parent: ET.Element, vehicle: Vehicle | None, **attrs: str) -> None:
    """Year, make and model are required by the DTD: present, and empty where unknown."""
    known = vehicle or Vehicle()
    element = _add(parent, "vehicle", **attrs)
    _add(element, "year", str(known.year) if known.year else "")
    _add(element, "make", known.make or "")
    _add(element, "model", known.model or "")
    if known.trim:
        _add(element, "trim", known.trim)


def _customer(parent: ET.Element, person: Person, text: str) -> None:
    if not person.email and not person.phone:
        raise IncompleteLead(
            f"person {person.id} has neither e-mail nor phone: an ADF lead needs one of them"
        )
    customer = _add(parent, "customer")
    contact = _add(customer, "contact")
    if person.first_name:
        _add(contact, "name", person.first_name, part="first")
    _add(contact, "name", person.last_name, part="last")
    if person.email:
        _add(contact, "email", person.email)
    if person.phone:
        _add(contact, "phone", person.phone)
    _add(customer, "comments", text)


def _vendor(parent: ET.Element, settings: Settings, site_id: str) -> None:
    vendor = _add(parent, "vendor")
    _add(vendor, "id", site_id, source=PROVIDER)
    _add(vendor, "vendorname", settings.rooftop_name)
    if settings.rooftop_url:
        _add(vendor, "url", settings.rooftop_url)
    contact = _add(vendor, "contact", primarycontact="1")
    _add(contact, "name", settings.rooftop_contact, part="full")
    if settings.rooftop_email:
        _add(contact, "email", settings.rooftop_email)
    if settings.rooftop_phone:
        _add(contact, "phone", settings.rooftop_phone)


def build_lead(job: LogActivity, settings: Settings, *, resend: bool = False) -> str:
    """The ADF XML of `job`'s lead; `IncompleteLead` if the person cannot be contacted."""
    activity = job.activity
    root = ET.Element("adf")
    prospect = _add(root, "prospect", status="resend" if resend else "new")
    _add(prospect, "id", job.key, sequence="1", source=PROVIDER)
    _add(prospect, "requestdate", activity.ended_at.isoformat(timespec="seconds"))
    interest = "test-drive" if activity.stage == "test_drive" else "buy"
    # New or used is not known from the conversation: the DTD's default (new) is left implied.
    _vehicle(prospect, activity.vehicle, interest=interest)
    if activity.trade_in is not None:
        _vehicle(prospect, activity.trade_in, interest="trade-in", status="used")
    _customer(prospect, job.person, comments(activity))
    _vendor(prospect, settings, job.site_id)
    provider = _add(prospect, "provider")
    _add(provider, "name", PROVIDER, part="full")
    _add(provider, "service", "Showroom conversation assistant")
    ET.indent(root, space="  ")
    return HEADER + ET.tostring(root, encoding="unicode") + "\n"
