"""The news index of one language: its listing of releases, topic listings and feeds."""

import array

from django.apps import apps
from django.core.paginator import EmptyPage, Paginator
from django.db import models
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from pages.models import SEOMixin
from pages.remembered import is_remembered, remember
from pages.upstream import set_cached_parent
from pages.visibility import ViewRestrictionsMixin, language_code, not_private

from .. import conf
from ..feeds import (
    ProjectReleasesAtomFeed,
    ProjectReleasesRssFeed,
    ReleasesAtomFeed,
    ReleasesRssFeed,
)
from ..listing import (
    RELEASE_ORDER,
    ReleaseFilterForm,
    cards,
    pagination_links,
)
from .press_release import PressReleasePage, PressReleaseRelatedPage
from .topic import Topic

RELEASES_PER_PAGE = 12


class NewsIndexPage(RoutablePageMixin, SEOMixin, ViewRestrictionsMixin, Page):
    """The list of press releases of one language, with its topic listings and feeds:
    /ro/stiri/, /ro/stiri/rss/, /ro/stiri/subiect/<topic>/atom/, /en/news/…"""

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    promote_panels = SEOMixin.promote_panels
    subpage_types = ["newsroom.PressReleasePage"]
    parent_page_types = ["pages.HomePage"]

    # The path word of topic listings, in the language of the index (untranslated ones 404).
    TOPIC_PATH_WORDS = {"ro": "subiect", "en": "topic"}
    # The same for the feeds of the releases about one project.
    PROJECT_PATH_WORDS = {"ro": "proiect", "en": "project"}

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    def get_cached_paths(self):
        """The addresses under the index a CDN must forget when it or a release under it
        changes (Wagtail's frontend cache purges them): the listing's first page and the
        feeds of every release. Later pages and filtered listings expire by s-maxage."""
        return ["/", "rss/", "atom/"]

    # Listings ---------------------------------------------------------------------------

    def releases(self):
        """The live, public releases under this index, newest first."""
        return not_private(PressReleasePage.objects.child_of(self).live()).order_by(*RELEASE_ORDER)

    @staticmethod
    def releases_in(keys):
        """The releases whose keys `keys` selects (sliced, usually), newest first, as a
        query of their own: the database sorts the narrow list of keys of every release, then
        reads whole rows for the few selected, in one statement."""
        return PressReleasePage.objects.filter(pk__in=keys).order_by(*RELEASE_ORDER)

    def releases_about(self, page):
        """The index's releases that name `page` (or one of its translations) among their
        related pages, newest first."""
        return self.releases().filter(
            Exists(
                PressReleaseRelatedPage.objects.filter(
                    release=OuterRef("pk"), page__translation_key=page.translation_key
                )
            )
        )

    def topics(self):
        """The topics of the index's language."""
        return Topic.objects.filter(locale_id=self.locale_id)

    @property
    def topic_path_word(self):
        return self.TOPIC_PATH_WORDS.get(language_code(self), "topic")

    def topic_url(self, topic, request=None):
        """The listing of one topic's releases. Asked with a request, remembered per
        content generation and host (every release links to its topics' listings)."""

        def find():
            return self.get_url(request) + self.reverse_subpage(
                "topic", kwargs={"word": self.topic_path_word, "slug": topic.slug}
            )

        if request is None:
            return find()
        return remember(("topic-url", self.pk, topic.slug, request.get_host()), find)

    def feed_url(self, kind, topic=None, request=None):
        """The RSS (`kind="rss"`) or Atom (`kind="atom"`) feed of every release or of a topic."""
        if topic is None:
            return self.get_url(request) + self.reverse_subpage(kind)
        return self.get_url(request) + self.reverse_subpage(
            f"topic_{kind}", kwargs={"word": self.topic_path_word, "slug": topic.slug}
        )

    @property
    def project_path_word(self):
        return self.PROJECT_PATH_WORDS.get(language_code(self), "project")

    def project_feed_url(self, kind, project, request=None):
        """The RSS or Atom feed of the releases about `project` (a page of this language)."""
        return self.get_url(request) + self.reverse_subpage(
            f"project_{kind}", kwargs={"word": self.project_path_word, "slug": project.slug}
        )

    def get_project_or_404(self, word, slug):
        """The live, public project of this language with that slug. Which page type is a
        project is the site's choice (NEWSROOM_PROJECT_PAGE_TYPE), so the newsroom does not
        depend on the app that defines it."""
        model_name = conf.project_page_type()
        if word != self.project_path_word or not model_name:
            raise Http404("Project feeds are under the index's own language path word.")
        project = (
            not_private(apps.get_model(model_name).objects.live())
            .filter(locale_id=self.locale_id, slug=slug)
            .order_by("path")
            .first()
        )
        if project is None:
            raise Http404("No such project.")
        return project

    def get_topic_or_404(self, word, slug):
        if word != self.topic_path_word:
            raise Http404("Topic listings are under the index's own language path word.")
        return get_object_or_404(Topic, locale_id=self.locale_id, slug=slug)

    def release_keys(self, topic=None):
        """The keys of the index's (or a topic's) releases in listing order, remembered per
        content generation (pages/remembered.py): sorting every release on each request
        is what made a listing's cost grow with the number of releases. Only for the
        unfiltered listings, so their number is bounded by the number of topics."""

        def in_order():
            releases = self.releases()
            if topic is not None:
                releases = releases.filter(topics=topic)
            return array.array("q", releases.values_list("pk", flat=True))

        return remember(self._release_keys_key(topic), in_order)

    def release_position(self, pk):
        """Where the release `pk` is in the index's listing order (None: not listed), from
        a {key: position} remembered with the order: searching the list of keys took
        time growing with the number of releases."""
        positions = remember(
            ("release-positions", self.pk),
            lambda: {key: position for position, key in enumerate(self.release_keys())},
        )
        return positions.get(pk)

    def _release_keys_key(self, topic):
        return ("release-keys", self.pk, topic.pk if topic else None)

    def release_keys_remembered(self, topic=None):
        return is_remembered(self._release_keys_key(topic))

    def get_context(self, request, *args, topic=None, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = ReleaseFilterForm(request.GET, index=self, topic=topic)
        if not form.is_valid():
            # Only a hand-edited address gets here: the form offers known values only.
            raise Http404("Unknown filter value.")
        if form.narrows():
            releases = self.releases()
            if topic is not None:
                releases = releases.filter(topics=topic)
            keys = form.filter(releases).values_list("pk", flat=True)
        else:
            keys = self.release_keys(topic)
        page_number = request.GET.get("page", "1")
        try:
            page_number = max(int(page_number), 1)
        except (TypeError, ValueError):
            page_number = 1
        paginator = Paginator(keys, RELEASES_PER_PAGE)
        try:
            releases_page = paginator.page(page_number)
        except EmptyPage as error:
            raise Http404("No such page of releases.") from error
        releases_page.object_list = cards(
            self.releases_in(list(releases_page.object_list)), self.get_url(request)
        )
        query = form.query_without_page()
        prefix = f"?{query}&" if query else "?"
        context.update(
            topic=topic,
            filter_form=form,
            releases=releases_page,
            page_links=pagination_links(releases_page, query),
            all_feeds={kind: self.feed_url(kind, request=request) for kind in ("rss", "atom")},
        )
        if releases_page.has_previous():
            context["page_links_previous"] = f"{prefix}page={releases_page.number - 1}"
        if releases_page.has_next():
            context["page_links_next"] = f"{prefix}page={releases_page.number + 1}"
        if topic is not None:
            context["topic_feeds"] = {
                kind: request.build_absolute_uri(self.feed_url(kind, topic, request=request))
                for kind in ("rss", "atom")
            }
        return context

    def route(self, request, path_components):
        """RoutablePageMixin's routing, except that a release is read with its own fields
        in one query (every child of an index is a release) rather than as a page row
        and then its type's row, as Wagtail's Page.route does."""
        if not self.live or not path_components:
            return super().route(request, path_components)
        try:
            match = self.resolve_subpage("/" + "".join(f"{part}/" for part in path_components))
        except Http404:
            match = None
        if match is not None:
            request.routable_resolver_match = match
            return RouteResult(self, args=tuple(match))
        # Its hero image comes from what is remembered per generation (get_context): the
        # columns of the image and its credit cost more to compile here than the release's.
        # Wagtail keeps a slug unique among siblings: get() needs no ordering (first() adds
        # one, and cost more Python here). The children's condition is child_of()'s, written
        # in the same filter() as the slug's (one clone of the query fewer).
        releases = PressReleasePage.objects.filter(
            path__startswith=self.path, depth=self.depth + 1, slug=path_components[0]
        ).annotate(**PressReleasePage.read_with_lists())
        try:
            release = releases.get()
        except PressReleasePage.DoesNotExist:
            raise Http404("No such release.") from None
        except PressReleasePage.MultipleObjectsReturned:  # rows written past Wagtail's checks
            release = releases.order_by("pk").first()
        # As Page.route: the index is the release's parent, without another query.
        set_cached_parent(release, self)
        return release.route(request, path_components[1:])

    @path("")
    def index_route(self, request):
        return self.render(request)

    @re_path(r"^(?P<word>[a-z]+)/(?P<slug>[-a-z0-9]+)/$", name="topic")
    def topic_route(self, request, word, slug):
        topic = self.get_topic_or_404(word, slug)
        return self.render(request, topic=topic)

    # Feeds ------------------------------------------------------------------------------

    @path("rss/", name="rss")
    def rss_route(self, request):
        return ReleasesRssFeed.serve(request, self)

    @path("atom/", name="atom")
    def atom_route(self, request):
        return ReleasesAtomFeed.serve(request, self)

    # Declared before the topic feeds: routes are tried in the order they are declared,
    # and the topic feeds' path word matches any word.
    @re_path(
        rf"^(?P<word>{'|'.join(PROJECT_PATH_WORDS.values())})/(?P<slug>[-a-z0-9]+)/rss/$",
        name="project_rss",
    )
    def project_rss_route(self, request, word, slug):
        return ProjectReleasesRssFeed.serve(request, self, self.get_project_or_404(word, slug))

    @re_path(
        rf"^(?P<word>{'|'.join(PROJECT_PATH_WORDS.values())})/(?P<slug>[-a-z0-9]+)/atom/$",
        name="project_atom",
    )
    def project_atom_route(self, request, word, slug):
        return ProjectReleasesAtomFeed.serve(request, self, self.get_project_or_404(word, slug))

    @re_path(r"^(?P<word>[a-z]+)/(?P<slug>[-a-z0-9]+)/rss/$", name="topic_rss")
    def topic_rss_route(self, request, word, slug):
        return ReleasesRssFeed.serve(request, self, self.get_topic_or_404(word, slug))

    @re_path(r"^(?P<word>[a-z]+)/(?P<slug>[-a-z0-9]+)/atom/$", name="topic_atom")
    def topic_atom_route(self, request, word, slug):
        return ReleasesAtomFeed.serve(request, self, self.get_topic_or_404(word, slug))
