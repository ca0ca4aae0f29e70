"""Microsoft Dynamics 365 / Dataverse Web API v9.2: leads and phonecall activities.

Why a phonecall: a showroom conversation is a completed, two-party conversation with a
duration, and the phonecall activity is the one that carries exactly that (from/to activity
parties, `actualdurationminutes`, a direction, regarding the lead) and shows on the lead's
timeline as a conversation that happened. An appointment is for planned meetings (calendars,
required attendees, scheduled times) and a task is a to-do with no counterpart or duration.

`Settings` and `Connector(settings, transport=None)` as every vendor module. What is sent:
`plan`; the token: `auth`; `test connection`: `check`; request and response bodies: `wire`.
"""

from cloud.crm.vendors.dynamics.connector import Connector
from cloud.crm.vendors.dynamics.settings import Settings

__all__ = ["Connector", "Settings"]
