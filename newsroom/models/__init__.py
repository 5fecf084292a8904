"""Press releases, the news index that lists them, and the topics they are filed under."""

from .news_index import RELEASES_PER_PAGE, NewsIndexPage
from .press_release import (
    RELATED_PAGE_TYPES,
    PressContact,
    PressReleaseAttachment,
    PressReleasePage,
    PressReleasePageForm,
    PressReleaseRelatedPage,
)
from .topic import Topic

__all__ = [
    "RELATED_PAGE_TYPES",
    "RELEASES_PER_PAGE",
    "NewsIndexPage",
    "PressContact",
    "PressReleaseAttachment",
    "PressReleasePage",
    "PressReleasePageForm",
    "PressReleaseRelatedPage",
    "Topic",
]
