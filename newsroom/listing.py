"""How the news index lists releases: the filter form, paging links, and fetching what a
card shows in a fixed number of queries.

Imports no model of this app (the news index imports this module): what it reads comes
from the index and the querysets it is given."""

from urllib.parse import urlencode

from django import forms
from django.db.models import Max, Min, Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Page

from pages.images import rendition_or_none
from pages.remembered import remember
from pages.visibility import not_private

# The rendition a card shows; prefetched so a listing costs the same whatever its length.
THUMBNAIL_FILTER = "fill-384x216"
# Newest first: by release date, then title; the primary key makes the order total.
RELEASE_ORDER = ("-release_date", "title", "pk")


def cards(releases, index_url):
    """The cards of `releases` (NewsIndexPage.releases_in: a few selected by key, newest
    first): plain dictionaries with what a card shows, read in one query that fetches no
    bodies and builds no page objects (a card costs a template little when its values are a
    dict's). `index_url` is the address of the releases' index: a card links to it plus the
    slug, as Wagtail's url_path makes it."""

    rows = list(
        releases.values("title", "slug", "release_date", "lead", "hero_image_id", "hero_image_alt")
    )
    found = thumbnails({row["hero_image_id"] for row in rows} - {None})
    for row in rows:
        row["url"] = f"{index_url}{row['slug']}/"
        row["thumbnail"] = found.get(row["hero_image_id"])
    return rows


def thumbnails(image_ids):
    """{image key: its card rendition's url, width and height}, remembered per content
    generation (saving an image starts a new one): images and renditions are read only for
    images not seen since."""
    known = remember("card-thumbnails", dict)
    missing = image_ids - known.keys()
    if missing:
        renditions = (
            get_image_model().get_rendition_model().objects.filter(filter_spec=THUMBNAIL_FILTER)
        )
        images = get_image_model().objects.filter(pk__in=missing)
        for image in images.prefetch_related(Prefetch("renditions", queryset=renditions)):
            rendition = thumbnail(image)
            known[image.pk] = rendition and {
                "url": rendition.url,
                "width": rendition.width,
                "height": rendition.height,
            }
    return {image_id: known[image_id] for image_id in image_ids if image_id in known}


def thumbnail(image):
    """The card's rendition of `image`: the prefetched one, made when missing (None when
    the original cannot be read: the card then shows no image)."""
    spec = Filter(spec=THUMBNAIL_FILTER)
    focal_point_key = spec.get_cache_key(image)
    for rendition in image.renditions.all():
        if rendition.filter_spec == THUMBNAIL_FILTER and rendition.focal_point_key == (
            focal_point_key
        ):
            return rendition
    return rendition_or_none(image, spec)


def _years_and_related_pages(releases, locale_id):
    """Every year from the first release to the last (cheaper than finding the years that
    have releases; a year without any simply lists none); the (key, title) of the pages the
    releases are about, one per translation group, in the index's language where it has a
    live translation (a translation's relations point to the pages of the original's
    language); and {key: translation key} of every live, public page of those groups, so
    that any language's page of a project, partner or pilot filters the same releases."""
    span = releases.aggregate(first=Min("release_date"), last=Max("release_date"))
    years = list(range(span["last"].year, span["first"].year - 1, -1)) if span["last"] else []
    pages = (
        not_private(Page.objects.live())
        .filter(translation_key__in=releases.values("related_pages__page__translation_key"))
        .order_by("path")
    )
    shown, groups = {}, {}
    for page in pages:
        groups[str(page.pk)] = page.translation_key
        if page.translation_key not in shown or page.locale_id == locale_id:
            shown[page.translation_key] = page
    related = sorted(((str(p.pk), p.title) for p in shown.values()), key=lambda item: item[1])
    return years, related, groups


class ReleaseFilterForm(forms.Form):
    """Topic, year and related project: combined, carried through the pages of results.
    Offers only values that have releases, so an unknown value means a hand-edited address."""

    topic = forms.ChoiceField(label=_("Topic"), required=False)
    year = forms.ChoiceField(label=_("Year"), required=False)
    # Any language's page of a project, partner or pilot is accepted (clean_project), not
    # only the one the select offers: links from an English project page carry its own key.
    project = forms.CharField(
        label=_("Project, partner or pilot"), required=False, widget=forms.Select
    )

    def __init__(self, data, *, index, topic=None):
        # Only the filter fields: "page" and anything else in the query string is not ours.
        super().__init__({name: data.get(name, "") for name in self.base_fields})
        if topic is None:
            topics = remember(
                ("topic-choices", index.locale_id),
                lambda: [(t.slug, t.name) for t in index.topics()],
            )
            self.fields["topic"].choices = [("", _("All topics"))] + topics
        else:
            del self.fields["topic"]
        # Both read every release of the index: remembered per content generation.
        years, related, self.related_groups = remember(
            ("release-filter-choices", index.pk),
            lambda: _years_and_related_pages(index.releases(), index.locale_id),
        )
        self.fields["year"].choices = [("", _("All years"))] + [(str(y), str(y)) for y in years]
        self.fields["project"].choices = [("", _("All"))] + related
        self.fields["project"].widget.choices = self.fields["project"].choices

    def clean_project(self):
        value = self.cleaned_data["project"]
        if value and value not in self.related_groups:
            raise forms.ValidationError(_("Select a valid choice."), code="invalid_choice")
        return value

    def narrows(self):
        """Whether a filter is chosen (the listing is then not the whole index or topic)."""
        return any(self.cleaned_data.values())

    def offered_fields(self):
        """The fields worth showing: a choice between "all" and nothing is no choice."""
        return [field for field in self if len(field.field.choices) > 1]

    def filter(self, releases):
        data = self.cleaned_data
        if data.get("topic"):
            releases = releases.filter(topics__slug=data["topic"])
        if data.get("year"):
            releases = releases.filter(release_date__year=int(data["year"]))
        if data.get("project"):
            key = self.related_groups[data["project"]]
            releases = releases.filter(related_pages__page__translation_key=key).distinct()
        return releases

    def query_without_page(self):
        """The validated filters as a query string, for the paging links."""
        return urlencode({name: value for name, value in self.cleaned_data.items() if value})


def pagination_links(releases_page, query):
    """Numbered links around the current page, the first and last always shown; a gap
    in the numbers is None."""
    paginator = releases_page.paginator
    current = releases_page.number
    numbers = sorted(
        {1, paginator.num_pages}
        | set(range(max(current - 2, 1), min(current + 2, paginator.num_pages) + 1))
    )
    prefix = f"?{query}&" if query else "?"
    links, previous = [], None
    for number in numbers:
        if previous is not None and number - previous > 1:
            links.append(None)
        links.append(
            {"number": number, "url": f"{prefix}page={number}", "current": number == current}
        )
        previous = number
    return links
