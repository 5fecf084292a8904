"""The news index: order, paging, filters, topic listings and what bad input gets."""

import datetime
import re

import pytest
from wagtail.models import PageViewRestriction

from demo_content.building import ensure_translation
from newsroom.models import PressReleaseRelatedPage
from pages.models import StandardPage
from tests.factories import ImageFactory, PressReleasePageFactory, TopicFactory, build_newsroom

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_database")]


@pytest.fixture
def newsroom(site_tree):
    return build_newsroom(site_tree)


def titles(html):
    return re.findall(r'<h2><a href="[^"]+">([^<]+)</a></h2>', html)


def releases(parent, count, start=datetime.date(2021, 1, 1), prefix="Comunicat", **fields):
    return [
        PressReleasePageFactory(
            parent=parent,
            title=f"{prefix} {n:03d}",
            release_date=start + datetime.timedelta(days=n),
            **fields,
        )
        for n in range(count)
    ]


def test_index_lists_newest_first_by_release_date_then_title(client, newsroom):
    day = datetime.date(2021, 4, 8)
    PressReleasePageFactory(parent=newsroom.news, title="Beta", release_date=day)
    PressReleasePageFactory(parent=newsroom.news, title="Alfa", release_date=day)
    PressReleasePageFactory(
        parent=newsroom.news, title="Vechi", release_date=datetime.date(2019, 6, 25)
    )
    PressReleasePageFactory(
        parent=newsroom.news, title="Nou", release_date=datetime.date(2022, 1, 1)
    )
    html = client.get("/ro/stiri/").content.decode()
    assert titles(html) == ["Nou", "Alfa", "Beta", "Vechi"]


def test_each_item_shows_date_title_lead_and_thumbnail(client, newsroom):
    PressReleasePageFactory(
        parent=newsroom.news,
        title="Întâlnirea",
        lead="Pe scurt, ce s-a întâmplat.",
        release_date=datetime.date(2021, 4, 8),
        hero_image=ImageFactory(),
        hero_image_alt="Sala de ședințe",
    )
    html = client.get("/ro/stiri/").content.decode()
    assert '<time datetime="2021-04-08">8 aprilie 2021</time>' in html
    assert "Pe scurt, ce s-a întâmplat." in html
    assert re.search(
        r'<img src="/media/images/[^"]+" width="384" height="216" alt="Sala de ședințe"', html
    )


def test_a_card_shows_the_new_thumbnail_once_its_image_is_cropped_again(client, newsroom):
    """Each image's card thumbnail is remembered per content generation; saving the image
    (a new focal point here) starts a new one, so the next listing shows the new crop."""
    image = ImageFactory()
    PressReleasePageFactory(parent=newsroom.news, hero_image=image, hero_image_alt="Piața")
    thumbnail = re.compile(r'<img src="(/media/images/[^"]+)" width="384"')
    before = thumbnail.search(client.get("/ro/stiri/").content.decode()).group(1)
    assert thumbnail.search(client.get("/ro/stiri/").content.decode()).group(1) == before

    image.focal_point_x, image.focal_point_y = 10, 10
    image.focal_point_width, image.focal_point_height = 20, 20
    image.save()
    after = thumbnail.search(client.get("/ro/stiri/").content.decode()).group(1)
    assert after != before


def test_english_index_dates_are_in_english(client, newsroom):
    PressReleasePageFactory(parent=newsroom.news_en, release_date=datetime.date(2021, 4, 8))
    html = client.get("/en/news/").content.decode()
    assert '<time datetime="2021-04-08">April 8, 2021</time>' in html


def test_index_shows_twelve_per_page_with_accessible_pagination(client, newsroom):
    releases(newsroom.news, 30)
    html = client.get("/ro/stiri/").content.decode()
    assert len(titles(html)) == 12
    assert titles(html)[0] == "Comunicat 029"
    nav = html[html.index('<nav class="pagination"') :]
    nav = nav[: nav.index("</nav>")]
    assert 'aria-label="Pagini de comunicate de presă"' in nav
    assert re.search(r'<a href="\?page=1" aria-current="page">', nav)
    assert 'href="?page=2"' in nav and 'href="?page=3"' in nav
    page3 = client.get("/ro/stiri/?page=3").content.decode()
    assert titles(page3) == [f"Comunicat {n:03d}" for n in range(5, -1, -1)]
    assert re.search(r'<a href="\?page=3" aria-current="page">', page3)


@pytest.mark.parametrize("page", ["abc", "-3", "0", "1.5", ""])
def test_a_page_number_that_is_not_a_positive_integer_shows_the_first_page(client, newsroom, page):
    releases(newsroom.news, 13)
    response = client.get("/ro/stiri/", {"page": page})
    assert response.status_code == 200
    assert titles(response.content.decode())[0] == "Comunicat 012"


def test_a_page_beyond_the_last_is_404(client, newsroom):
    releases(newsroom.news, 13)
    assert client.get("/ro/stiri/?page=2").status_code == 200
    assert client.get("/ro/stiri/?page=3").status_code == 404
    assert client.get("/ro/stiri/?page=999999").status_code == 404
    assert client.get("/ro/stiri/?page=99999999999999999999999").status_code == 404


def test_an_empty_index_is_a_normal_page(client, newsroom):
    response = client.get("/ro/stiri/")
    assert response.status_code == 200
    assert "Niciun comunicat de presă" in response.content.decode()


def test_filters_by_topic_year_and_project_combine_and_survive_paging(client, newsroom):
    urbact = TopicFactory(name="URBACT", slug="urbact")
    project = StandardPage(title="DigiPlace", slug="digiplace")
    newsroom.home.add_child(instance=project)
    matching = releases(newsroom.news, 14, start=datetime.date(2021, 1, 1), topics=[urbact])
    for release in matching:
        release.related_pages.add(PressReleaseRelatedPage(page=project))
        release.save()
    releases(newsroom.news, 3, datetime.date(2020, 1, 1), "Vechi", topics=[urbact])  # wrong year
    PressReleasePageFactory(parent=newsroom.news, release_date=datetime.date(2021, 5, 5))

    query = {"topic": "urbact", "year": "2021", "project": str(project.pk)}
    html = client.get("/ro/stiri/", query).content.decode()
    assert "14 comunicate de presă" in html
    assert len(titles(html)) == 12
    next_link = f"?topic=urbact&amp;year=2021&amp;project={project.pk}&amp;page=2"
    assert f'href="{next_link}"' in html
    page2 = client.get("/ro/stiri/", {**query, "page": "2"}).content.decode()
    assert titles(page2) == ["Comunicat 001", "Comunicat 000"]
    # The form shows the chosen values, so the reader sees what is filtered.
    assert '<option value="urbact" selected>URBACT</option>' in page2
    assert '<option value="2021" selected>2021</option>' in page2

    only_year = client.get("/ro/stiri/", {"year": "2020"}).content.decode()
    assert "3 comunicate de presă" in only_year


def test_project_filter_finds_releases_whichever_language_the_relation_points_to(client, newsroom):
    """A translation's related pages are synchronised: the English release points to the
    Romanian project. The English project page links to /en/news/?project=<its own id>,
    which must list the English release all the same (it was a 404)."""
    project = StandardPage(title="DigiPlace", slug="digiplace")
    newsroom.home.add_child(instance=project)
    project_en = ensure_translation(project, newsroom.english, title="DigiPlace EN")
    about = PressReleasePageFactory(parent=newsroom.news, title="Despre DigiPlace")
    about.related_pages.add(PressReleaseRelatedPage(page=project))
    about.save()
    about_en = ensure_translation(about, newsroom.english, title="About DigiPlace", slug="about")
    assert [item.page_id for item in about_en.related_pages.all()] == [project.pk]
    other = PressReleasePageFactory(parent=newsroom.news, title="Altceva")
    ensure_translation(other, newsroom.english, title="Something else", slug="else")

    expectations = (("/en/news/", ["About DigiPlace"]), ("/ro/stiri/", ["Despre DigiPlace"]))
    for index, expected in expectations:
        for page in (project, project_en):
            response = client.get(index, {"project": str(page.pk)})
            assert response.status_code == 200, (index, page)
            assert titles(response.content.decode()) == expected, (index, page)
    # Each language's form offers the project once, under its own language's page.
    english = client.get("/en/news/", {"project": str(project_en.pk)}).content.decode()
    assert f'<option value="{project_en.pk}" selected>DigiPlace EN</option>' in english
    assert f'<option value="{project.pk}"' not in english
    romanian = client.get("/ro/stiri/").content.decode()
    assert f'<option value="{project.pk}">DigiPlace</option>' in romanian


def test_filter_form_is_labelled_and_works_without_javascript(client, newsroom):
    TopicFactory(name="URBACT", slug="urbact")
    PressReleasePageFactory(parent=newsroom.news)
    html = client.get("/ro/stiri/").content.decode()
    start = html.index('<form class="filters"')
    form = html[start : html.index("</form>", start)]
    assert 'method="get" action="/ro/stiri/"' in form
    for name in ("topic", "year"):
        assert f'<label for="id_{name}">' in form
        assert f'id="id_{name}"' in form
    assert '<button type="submit">' in form
    # No executable script: only JSON-LD data blocks.
    assert "<script" not in html.replace('<script type="application/ld+json">', "")


@pytest.mark.parametrize(
    "query",
    [
        {"topic": "nu-exista"},
        {"year": "1999"},
        {"year": "abc"},
        {"project": "999999"},
        {"project": "abc"},
        {"topic": "<script>alert(1)</script>"},
        {"year": '"><script>alert(1)</script>'},
    ],
)
def test_unknown_filter_values_are_404_and_never_echoed(client, newsroom, query):
    TopicFactory(name="URBACT", slug="urbact")
    PressReleasePageFactory(parent=newsroom.news, release_date=datetime.date(2021, 1, 1))
    response = client.get("/ro/stiri/", query)
    assert response.status_code == 404
    assert b"<script>alert(1)</script>" not in response.content


def test_markup_in_other_parameters_is_ignored_and_not_echoed(client, newsroom):
    PressReleasePageFactory(parent=newsroom.news)
    response = client.get("/ro/stiri/", {"q": "<script>alert(1)</script>", "page": "<b>"})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content
    assert b"<b>" not in response.content


def test_topic_listing_has_its_own_page_and_feeds(client, newsroom):
    urbact = TopicFactory(name="URBACT", slug="urbact")
    PressReleasePageFactory(parent=newsroom.news, title="Despre URBACT", topics=[urbact])
    PressReleasePageFactory(parent=newsroom.news, title="Altceva")
    response = client.get("/ro/stiri/subiect/urbact/")
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(html) == ["Despre URBACT"]
    assert "<h1>Subiect: URBACT</h1>" in html
    assert (
        'type="application/rss+xml" title="URBACT (RSS)" '
        'href="http://testserver/ro/stiri/subiect/urbact/rss/"' in html
    )
    crumbs = html[html.index('<nav class="breadcrumbs"') :]
    crumbs = crumbs[: crumbs.index("</nav>")]
    assert '<li><a href="/ro/stiri/">Știri</a></li>' in crumbs
    assert '<span aria-current="page">URBACT</span>' in crumbs
    assert '<a href="http://testserver/ro/stiri/subiect/urbact/atom/">URBACT (Atom)</a>' in html
    assert client.get("/ro/stiri/subiect/nu-exista/").status_code == 404
    assert client.get("/ro/stiri/subiect/urbact/?page=abc").status_code == 200


def test_drafts_private_and_other_language_releases_are_not_listed(client, newsroom):
    PressReleasePageFactory(parent=newsroom.news, title="Public")
    PressReleasePageFactory(parent=newsroom.news, title="Ciornă", live=False)
    private = PressReleasePageFactory(parent=newsroom.news, title="Privat")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    PressReleasePageFactory(parent=newsroom.news_en, title="English")
    assert titles(client.get("/ro/stiri/").content.decode()) == ["Public"]
    assert titles(client.get("/en/news/").content.decode()) == ["English"]


def test_home_page_shows_the_latest_releases_of_its_language(client, newsroom):
    releases(newsroom.news, 4)
    PressReleasePageFactory(parent=newsroom.news_en, title="In English")
    html = client.get("/ro/").content.decode()
    section = html[html.index('<section class="latest-releases"') :]
    assert re.findall(r'<h3><a href="[^"]+">([^<]+)</a></h3>', section) == [
        "Comunicat 003",
        "Comunicat 002",
        "Comunicat 001",
    ]
    assert 'href="/ro/stiri/"' in section
    assert "In English" in client.get("/en/").content.decode()


def test_the_home_page_shows_the_sections_the_project_names(client, newsroom, settings):
    # pages does not know the newsroom: PAGES_HOME_SECTIONS names what the home includes.
    releases(newsroom.news, 1)
    assert settings.PAGES_HOME_SECTIONS == ["newsroom/includes/latest_releases.html"]
    settings.PAGES_HOME_SECTIONS = []
    response = client.get("/ro/")
    assert response.status_code == 200
    assert 'class="latest-releases"' not in response.content.decode()


def test_a_release_whose_image_file_is_missing_is_listed_without_its_image(
    client, newsroom, caplog
):
    """A database restored without its media: the listing, the home and the release still
    answer, the card without a thumbnail, and the fault is logged."""
    image = ImageFactory()
    PressReleasePageFactory(
        parent=newsroom.news,
        title="Fără imagine",
        slug="fara-imagine",
        hero_image=image,
        hero_image_alt="Piața",
    )
    image.file.storage.delete(image.file.name)
    response = client.get("/ro/stiri/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fără imagine" in html and "<img" not in html.split("<main", 1)[1]
    assert "Original image file unreadable" in caplog.text
    assert client.get("/ro/").status_code == 200
    release = client.get("/ro/stiri/fara-imagine/")
    assert release.status_code == 200
    # No broken image either: neither the hero figure nor the social card's image.
    html = release.content.decode()
    assert "press-release__hero" not in html and "og:image" not in html
    assert '<meta name="twitter:card" content="summary">' in html
