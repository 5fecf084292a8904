"""Old URLs: every imported item's Plone path, news folders and Plone's own redirects
answer 301 to the final page, never a chain.

They are ordinary Wagtail redirects, served by language_redirects/redirects.py: a path with a
language folder (/ro/stiri/x) stays that language's; a path without one (a Plone site
without language folders, /stiri/x) works under every language prefix and leads to the
item's translation in that language. Plone's view, image-scale and download addresses of
an item (…/view, …/@@images/image/large, …/@@download/file/raport.pdf) are served by the
item's one redirect, so each item has one, even when its new address is its old one.
"""

from collections import defaultdict

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
        wanted = [(old_path, uid, "") for old_path, uid in self.old_paths]
        for old, new in self.companions.redirects.items():
            new_path = self.follow_redirects(new)
            uid = self.path_index.get(new_path) or self.path_index.get(
                self.site_root_path + new_path
            )
            old_path = self.old_path(old.rstrip("/") or "/")
            if uid is None:
                self.report.warn("", old_path, "redirect", f"target not imported: {new}")
                continue
            wanted.append((old_path, uid, new))
        redirected = 0
        for first in range(0, len(wanted), BATCH):
            with transaction.atomic():
                redirected += self.save_redirects(wanted[first : first + BATCH])
        self.report.summary["redirects"] = redirected

    def follow_redirects(self, path):
        """Plone's redirects can chain (a moved item moved again); point at the end."""
        seen = set()
        path = path.rstrip("/") or "/"
        while path in self.companions.redirects and path not in seen:
            seen.add(path)
            path = self.companions.redirects[path].rstrip("/") or "/"
        return path

    def save_redirects(self, wanted):
        """One batch of (old path, UID, Plone's redirect target or ''): a handful of
        queries whatever its size. Returns how many old paths now redirect."""
        destinations = self.destinations({uid for old_path, uid, plone_target in wanted})
        targets = {}
        for old_path, uid, plone_target in wanted:
            if uid not in destinations:
                if plone_target:
                    self.report.warn(
                        "", old_path, "redirect", f"target has no page here: {plone_target}"
                    )
                continue
            targets[Redirect.normalise_path(old_path)] = destinations[uid]
        existing = {
            redirect.old_path: redirect
            for redirect in Redirect.objects.filter(old_path__in=list(targets), site__isnull=True)
        }
        new, changed = [], []
        for old_path, (page_id, link) in targets.items():
            redirect = existing.get(old_path)
            fields = {"redirect_page_id": page_id, "redirect_link": link, "is_permanent": True}
            if redirect is None:
                new.append(Redirect(old_path=old_path, **fields))
            elif any(getattr(redirect, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(redirect, name, value)
                changed.append(redirect)
        Redirect.objects.bulk_create(new)
        Redirect.objects.bulk_update(changed, ["redirect_page", "redirect_link", "is_permanent"])
        return len(targets)

    def destinations(self, uids):
        """UID -> (page id, '') or (None, file address) of what the item became here: its
        page, image file or document; a folder's page (the news index, the home)."""
        wanted = defaultdict(lambda: defaultdict(list))  # kind -> object id -> UIDs
        found = {}
        for uid in uids:
            target = self.targets.get(uid)
            if target is not None and target.kind in ("page", "image", "document"):
                wanted[target.kind][target.id].append(uid)
            elif uid in self.summaries:
                page = self.folder_target(self.summaries[uid])
                if page is not None:
                    found[uid] = (page.pk, "")
        pages = Page.objects.filter(pk__in=list(wanted["page"])).values_list("pk", flat=True)
        for page_id in pages:
            found |= {uid: (page_id, "") for uid in wanted["page"][page_id]}
        for kind, model in (("image", get_image_model()), ("document", get_document_model())):
            for instance in model.objects.filter(pk__in=list(wanted[kind])).only("pk", "file"):
                link = instance.file.url if kind == "image" else instance.url
                found |= {uid: (None, link) for uid in wanted[kind][instance.pk]}
        return found
