"""EU funding statements: the fund that co-finances a page's subject and the statement the
EU's visual identity rules ask for, the EU flag beside "Co-funded by the European Union"
in the page's language.

A page type that can be EU-funded (the partners app's projects) takes `EUFundingMixin`; a
page about such pages (a press release) shows the same statement through
`funded_among()`, without knowing their types."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from .visibility import language_code

# The flag shipped with the site (static/img/eu-flag.svg), drawn from the emblem's
# official geometry.
EU_FLAG_STATIC_PATH = "img/eu-flag.svg"


class EUFund(models.TextChoices):
    ERDF = "erdf", _("European Regional Development Fund (ERDF)")
    ESF_PLUS = "esf_plus", _("European Social Fund Plus (ESF+)")
    COHESION_FUND = "cohesion_fund", _("Cohesion Fund")
    INTERREG_ERDF = "interreg_erdf", _("Interreg (European Regional Development Fund)")


def statement():
    """The funding statement in the active language."""
    return str(_("Co-funded by the European Union"))


def flag_alt_text():
    return str(_("Flag of the European Union"))


class EUFundingMixin(models.Model):
    """A page whose subject the EU co-finances through one of its funds, under a
    programme (`funding_programme`, e.g. "URBACT III")."""

    eu_fund = models.CharField(
        _("EU fund"),
        max_length=20,
        choices=EUFund.choices,
        blank=True,
        help_text=_(
            'The EU fund that co-finances it. When set, its page shows the EU flag with "Co-'
            'funded by the European Union", and so do the press releases about it.'
        ),
    )

    class Meta:
        abstract = True

    @property
    def funding_programme(self):
        """The programme that gives the fund's money; page types name their own field."""
        return ""

    def eu_funding(self):
        """The funding statement in the page's language, or None when not EU-funded:
        {"programme", "fund", "fund_name", "statement"}."""
        if not self.eu_fund:
            return None
        language = language_code(self) if self.locale_id else None
        with override(language):
            return {
                "programme": self.funding_programme,
                "fund": self.eu_fund,
                "fund_name": str(EUFund(self.eu_fund).label),
                "statement": statement(),
            }


def funded_among(pages):
    """The EU-funded pages among `pages` (generic Page objects, e.g. a release's related
    pages), as their specific types, in the order given: one query per funded page type."""
    ids_by_class = {}
    for page in pages:
        page_class = page.specific_class
        if page_class is not None and issubclass(page_class, EUFundingMixin):
            ids_by_class.setdefault(page_class, []).append(page.pk)
    funded = {}
    for page_class, ids in ids_by_class.items():
        for page in page_class.objects.filter(pk__in=ids).exclude(eu_fund=""):
            funded[page.pk] = page
    return [funded[page.pk] for page in pages if page.pk in funded]
