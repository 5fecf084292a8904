"""Plone subjects as topics, and the pairing of a Romanian topic with its English one.

Plone's subjects are free text per item, with no link between languages. The pairing rule:
in a translated pair of News Items, the subjects of the default-language item and of its
translation name the same topics in the same order, so the subject at position N of one is
the translation of the subject at position N of the other. When the two have a different
number of subjects, only subjects written the same in both (URBACT, DigiPlace) are paired.

Over the whole export each pairing is a vote; the most frequent pairing of a topic wins and
the others are reported as conflicts, as is a topic that is already the translation of
another one (paired by an editor or an earlier import): nothing is changed for them.
"""

from collections import Counter

from django.conf import settings
from django.utils.text import slugify

from newsroom.models import Topic

from .exports import NEWS_TYPES

TOPIC_NAME_LENGTH = 100


def subject_slugs(subjects):
    """The (name, slug) of each usable subject, in Plone's order, without repeats."""
    seen = {}
    for subject in subjects or []:
        if not isinstance(subject, str) or not subject.strip():
            continue
        name = subject.strip()[:TOPIC_NAME_LENGTH]
        slug = slugify(name)[:TOPIC_NAME_LENGTH] or "topic"
        seen.setdefault(slug, name)
    return [(name, slug) for slug, name in seen.items()]


class TopicImport:
    """Topics for the Importer: created per language as releases need them, then paired."""

    def topic_ids(self, subjects, locale):
        topics = []
        for name, slug in subject_slugs(subjects):
            key = (locale.pk, slug)
            if key not in self.topics:
                topic = Topic.objects.filter(locale=locale, slug=slug).first()
                if topic is None:
                    topic = Topic.objects.create(locale=locale, name=name, slug=slug)
                self.topics[key] = topic
            topics.append(self.topics[key])
        return topics

    def pair_topics(self):
        votes = self.topic_votes()
        chosen = {}  # (default-language slug, language) -> slug
        claimed = {}  # (language, slug) -> default-language slug
        # Most frequent first; Counter keeps ties in the order of the export.
        for (source_slug, language, slug), number in votes.most_common():
            if (source_slug, language) in chosen:
                winner = (source_slug, language, chosen[(source_slug, language)])
            elif (language, slug) in claimed:
                winner = (claimed[(language, slug)], language, slug)
            else:
                chosen[(source_slug, language)] = slug
                claimed[(language, slug)] = source_slug
                continue
            self.topic_conflict(
                source_slug,
                language,
                slug,
                f"so in {number} translated release(s), but '{winner[0]}' and '{winner[2]}' "
                f"in {votes[winner]}",
            )
        paired = sum(
            self.pair_topic(source_slug, language, slug)
            for (source_slug, language), slug in chosen.items()
        )
        self.report.summary["topics paired"] = paired

    def topic_votes(self):
        """(default-language slug, language, slug) -> in how many translated releases."""
        votes = Counter()
        default = settings.LANGUAGE_CODE
        for group in self.companions.translations:
            releases = {}
            for uid in dict.fromkeys(group.values()):
                summary = self.summaries.get(uid)
                if (
                    summary is None
                    or summary.portal_type not in NEWS_TYPES
                    or uid not in self.targets
                ):
                    continue
                releases.setdefault(self.language_of(summary)[0], summary)
            source = releases.pop(default, None)
            if source is None:
                continue
            source_slugs = [
                slug for _, slug in subject_slugs(self.export.load(source).get("subjects"))
            ]
            for language, summary in releases.items():
                slugs = [
                    slug for _, slug in subject_slugs(self.export.load(summary).get("subjects"))
                ]
                if len(slugs) == len(source_slugs):
                    pairs = zip(source_slugs, slugs, strict=True)
                else:
                    pairs = [(slug, slug) for slug in source_slugs if slug in slugs]
                    self.report.warn(
                        summary.uid,
                        self.old_path(summary.path),
                        summary.portal_type,
                        f"{len(source_slugs)} subject(s) in {default}, {len(slugs)} in "
                        f"{language}: only subjects written the same in both are paired",
                    )
                for source_slug, slug in pairs:
                    votes[(source_slug, language, slug)] += 1
        return votes

    def pair_topic(self, source_slug, language, slug):
        """Gives the other language's topic the translation key of the default-language one.
        Answers 1 when they are paired now, 0 otherwise."""
        source = Topic.objects.filter(
            locale__language_code=settings.LANGUAGE_CODE, slug=source_slug
        ).first()
        topic = Topic.objects.filter(locale__language_code=language, slug=slug).first()
        if source is None or topic is None or source.translation_key == topic.translation_key:
            return 0
        if Topic.objects.filter(
            translation_key=source.translation_key, locale=topic.locale_id
        ).exists():
            self.topic_conflict(
                source_slug,
                language,
                slug,
                f"'{source_slug}' already has a translation in {language}",
            )
            return 0
        if (
            Topic.objects.filter(translation_key=topic.translation_key)
            .exclude(pk=topic.pk)
            .exists()
        ):
            self.topic_conflict(
                source_slug, language, slug, f"'{slug}' is already the translation of another topic"
            )
            return 0
        Topic.objects.filter(pk=topic.pk).update(translation_key=source.translation_key)
        return 1

    def topic_conflict(self, source_slug, language, slug, reason):
        self.report.warn(
            "",
            "",
            "Topic",
            f"'{source_slug}' ({settings.LANGUAGE_CODE}) not paired with '{slug}' ({language}): "
            f"{reason}",
        )
