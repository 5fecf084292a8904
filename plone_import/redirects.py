"""Old URLs: every imported item's Plone path, news folders and Plone's own redirects
answer 301 to the final page, never a chain."""

from django.db import transaction
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from .exports import (
    BATCH,
)


class OldURLs:
    """Adds the redirects for the Importer."""

    def add_redirects(self):
        created = 0
        for first in range(0, len(self.old_paths), BATCH):
            with transaction.atomic():
                for old_path, uid in self.old_paths[first : first + BATCH]:
                    if self.redirect(old_path, uid):
                        created += 1
        for old, new in self.companions.redirects.items():
            new_path = self.follow_redirects(new)
            uid = self.path_index.get(new_path) or self.path_index.get(
                self.site_root_path + new_path
            )
            old_path = self.old_path(old.rstrip("/") or "/")
            if uid is None:
                self.report.warn("", old_path, "redirect", f"target not imported: {new}")
                continue
            if not self.redirect(old_path, uid, plone_redirect=True):
                self.report.warn("", old_path, "redirect", f"target has no page here: {new}")
            else:
                created += 1
        self.report.summary["redirects"] = created

    def follow_redirects(self, path):
        """Plone's redirects can chain (a moved item moved again); point at the end."""
        seen = set()
        path = path.rstrip("/") or "/"
        while path in self.companions.redirects and path not in seen:
            seen.add(path)
            path = self.companions.redirects[path].rstrip("/") or "/"
        return path

    def redirect(self, old_path, uid, plone_redirect=False):
        target = self.targets.get(uid)
        summary = self.summaries.get(uid)
        page, link = None, ""
        if target is not None and target.kind == "page":
            page = Page.objects.filter(pk=target.id).first()
        elif target is not None and target.kind == "image":
            image = get_image_model().objects.filter(pk=target.id).first()
            link = image.file.url if image else ""
        elif target is not None and target.kind == "document":
            document = get_document_model().objects.filter(pk=target.id).first()
            link = document.url if document else ""
        elif summary is not None:
            page = self.folder_target(summary)
        if page is None and not link:
            return False
        normalised = Redirect.normalise_path(old_path)
        if page is not None:
            if normalised == Redirect.normalise_path(self.public_path(page)):
                return plone_redirect  # same URL: nothing to redirect
        redirect = Redirect.objects.filter(old_path=normalised, site__isnull=True).first()
        redirect = redirect or Redirect(old_path=normalised)
        if (
            redirect.pk
            and redirect.redirect_page_id == (page.pk if page else None)
            and redirect.redirect_link == link
        ):
            return True
        redirect.redirect_page = page
        redirect.redirect_link = link
        redirect.is_permanent = True
        redirect.save()
        return True

    def public_path(self, page):
        """/ro/stiri/x/: the language prefix, then the path below the locale's home."""
        for code, home in self.homes.items():
            if page.path.startswith(home.path):
                return f"/{code}/" + page.url_path[len(home.url_path) :]
        return page.url_path
