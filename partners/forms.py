"""Admin forms that check what a single field cannot: one lead partner per project, and a
pilot's budget against its project's cap."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


def kept_forms(formset):
    """The inline forms that will be saved: filled in and not marked for deletion."""
    return [
        form
        for form in formset.forms
        if form.cleaned_data and not (formset.can_delete and form.cleaned_data.get("DELETE"))
    ]


class ProjectPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        partnership = self.formsets.get("partnership")
        if partnership is None or not partnership.is_valid():
            return cleaned_data
        rows = kept_forms(partnership)
        leads = [form for form in rows if form.cleaned_data.get("role") == "lead"]
        if len(leads) != 1:
            self.add_error(
                None,
                ValidationError(
                    _(
                        "A project has exactly one lead partner: mark one partner of the "
                        "partnership as lead partner and the others as partners "
                        "(%(count)s marked now)."
                    ),
                    code="lead_partner_count",
                    params={"count": len(leads)},
                ),
            )
        seen = set()
        for form in rows:
            partner = form.cleaned_data.get("partner")
            if partner is not None and partner.pk in seen:
                self.add_error(
                    None,
                    ValidationError(
                        _("%(partner)s is listed twice in the partnership."),
                        code="partner_twice",
                        params={"partner": partner.title},
                    ),
                )
            elif partner is not None:
                seen.add(partner.pk)
        return cleaned_data


class PilotShowcasePageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        budget = cleaned_data.get("budget_eur")
        project = getattr(self.parent_page, "specific", None)
        # A page already in the tree checks its own cap in clean(); a new one has no parent yet.
        if budget is not None and project is not None and not self.instance.path:
            try:
                self.instance.validate_budget_within_cap(budget, project)
            except ValidationError as error:
                self.add_error("budget_eur", error)
        return cleaned_data
