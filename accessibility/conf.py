"""The app's defaults; each can be overridden by a setting of the same name."""

from django.conf import settings

# Link texts that say nothing out of context (WCAG 2.4.4), compared case-insensitively
# after trimming spaces and punctuation. Romanian and English.
DEFAULT_VAGUE_LINK_TEXTS = [
    "aici",
    "click aici",
    "clic aici",
    "apăsați aici",
    "apasati aici",
    "mai mult",
    "citește mai mult",
    "citeste mai mult",
    "detalii",
    "link",
    "click here",
    "here",
    "more",
    "read more",
    "details",
    "this link",
]

# Feedback messages a reader may send from one address per hour before being refused.
DEFAULT_FEEDBACK_PER_HOUR = 5


def vague_link_texts():
    return getattr(settings, "ACCESSIBILITY_VAGUE_LINK_TEXTS", DEFAULT_VAGUE_LINK_TEXTS)


def feedback_per_hour():
    return getattr(settings, "ACCESSIBILITY_FEEDBACK_PER_HOUR", DEFAULT_FEEDBACK_PER_HOUR)
