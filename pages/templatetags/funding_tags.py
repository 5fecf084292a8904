"""The EU funding statement on a funded page and on the pages about it (pages/funding.py)."""

from django import template

from pages.funding import EU_FLAG_STATIC_PATH, EUFundingMixin, funded_among

register = template.Library()


@register.inclusion_tag("includes/eu_funding.html")
def eu_funding_statement(page=None, related=None):
    """The EU flag and "Co-funded by the European Union", once, with each programme and
    fund: of `page` when it is EU-funded, else of the funded pages among `related`."""
    if isinstance(page, EUFundingMixin):
        funded = [page] if page.eu_fund else []
    else:
        funded = funded_among(related or [])
    fundings = []
    for funded_page in funded:
        funding = funded_page.eu_funding()
        line = (funding["programme"], funding["fund_name"])
        if line not in fundings:
            fundings.append(line)
    return {"fundings": fundings, "flag": EU_FLAG_STATIC_PATH}
