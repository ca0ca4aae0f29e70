"""A contract-following fake of Salesforce's REST API (`FakeSalesforce`), served on loopback."""

from harness.crm.faults import Recorded
from harness.crm.salesforce.app import FakeSalesforce

__all__ = ["FakeSalesforce", "Recorded"]
