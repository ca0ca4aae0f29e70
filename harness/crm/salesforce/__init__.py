"""A contract-following fake of Salesforce's REST API (`FakeSalesforce`), served on loopback."""

from harness.crm.salesforce.app import FakeSalesforce, Recorded

__all__ = ["FakeSalesforce", "Recorded"]
