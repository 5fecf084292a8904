from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .conf import vague_link_texts
from .models import Feedback
from .views import AccessibilityMenuItem, AccessibilityReportView


class SiteContentCheckerItem(ContentCheckerItem):
    """Wagtail's checks (userbar on live and preview pages, "Checks" panel in the editor)
    with the rules that matter for a public-sector site (WCAG 2.1 AA): images' text,
    headings, links' names and the page's language, beside Wagtail's own."""

    axe_run_only = ContentCheckerItem.axe_run_only + [
        "image-alt",
        "role-img-alt",
        "html-has-lang",
        "html-lang-valid",
        "valid-lang",
        "document-title",
        "duplicate-id-aria",
        "label",
        "link-text-quality",
    ]
    # Links whose text says nothing out of context ("click here", "aici": WCAG 2.4.4).
    # Wagtail runs a custom check only with a function registered on its userbar: ours
    # comes with this item's media.
    axe_custom_rules = ContentCheckerItem.axe_custom_rules + [
        {
            "id": "link-text-quality",
            "impact": "serious",
            "selector": "a[href]",
            "tags": ["wcag2a", "wcag244"],
            "any": ["check-vague-link-text"],
            "enabled": True,
        },
    ]
    axe_messages = {
        **ContentCheckerItem.axe_messages,
        "image-alt": {
            "error_name": _("Image without alternative text"),
            "help_text": _('Describe the image, or mark it as decorative (alt="")'),
        },
        "html-has-lang": {
            "error_name": _("The page's language is not declared"),
            "help_text": _("The page must say which language it is written in"),
        },
        "link-text-quality": {
            "error_name": _("Vague link text"),
            "help_text": _(
                'Say where the link leads, e.g. "the 2026 budget" rather than "click here"'
            ),
        },
        "valid-lang": {
            "error_name": _("Unknown language code"),
            "help_text": _('Use "ro" or "en" for a passage in another language'),
        },
    }

    class Media:
        js = ["accessibility/js/link-text-check.js"]

    def get_axe_custom_checks(self, request):
        return super().get_axe_custom_checks(request) + [
            {"id": "check-vague-link-text", "options": {"texts": vague_link_texts()}}
        ]


@hooks.register("construct_wagtail_userbar")
def use_site_content_checks(request, items, page):
    # Wagtail adds its own checker (AccessibilityItem, a ContentCheckerItem) to the
    # userbar and to the editor's "Checks" panel; ours takes its place in both.
    items[:] = [
        SiteContentCheckerItem(item.in_editor)
        if isinstance(item, ContentCheckerItem) and not isinstance(item, SiteContentCheckerItem)
        else item
        for item in items
    ]


@hooks.register("register_admin_urls")
def register_accessibility_report():
    return [
        path(
            "reports/accessibility/", AccessibilityReportView.as_view(), name="accessibility_report"
        ),
        path(
            "reports/accessibility/results/",
            AccessibilityReportView.as_view(results_only=True),
            name="accessibility_report_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_accessibility_menu_item():
    return AccessibilityMenuItem(
        _("Accessibility"),
        reverse("accessibility_report"),
        name="accessibility",
        icon_name="view",
        order=1400,
    )


class FeedbackViewSet(SnippetViewSet):
    """Readers' messages, for the editors to read and answer; nobody writes them here."""

    model = Feedback
    icon = "mail"
    menu_label = _("Accessibility feedback")
    menu_order = 850
    add_to_admin_menu = True
    list_display = ["message", "name", "page_address", "language", "received_at"]
    list_filter = ["language"]
    inspect_view_enabled = True


register_snippet(FeedbackViewSet)
