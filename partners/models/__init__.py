"""The partnership domain: EU networks (projects), the partners in them and their pilot actions."""

from .partners import PartnerIndexPage, PartnerPage
from .pilots import ActionLine, PilotGalleryImage, PilotShowcasePage, PilotStatus
from .projects import Partnership, PartnershipRole, ProjectIndexPage, ProjectPage
from .schedule import HostedMeeting, ProjectPhase

__all__ = [
    "ActionLine",
    "HostedMeeting",
    "PartnerIndexPage",
    "PartnerPage",
    "Partnership",
    "PartnershipRole",
    "PilotGalleryImage",
    "PilotShowcasePage",
    "PilotStatus",
    "ProjectIndexPage",
    "ProjectPage",
    "ProjectPhase",
]
