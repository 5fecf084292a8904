"""Budgets in euros and dates known to the day or only to the month, as the seeds give them."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


def validate_positive_euros(value):
    if value is not None and value <= Decimal("0"):
        raise ValidationError(_("Enter an amount in euros greater than zero."), code="not_positive")


def euro_amount_field(verbose_name, **kwargs):
    """An optional amount in euros, cents allowed, never zero or negative."""
    return models.DecimalField(
        verbose_name,
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[validate_positive_euros],
        **kwargs,
    )


class DatePrecision(models.TextChoices):
    """How much of a date the source gives: "2 September 2019" or only "December 2020"."""

    DAY = "day", _("day")
    MONTH = "month", _("month only")


def date_precision_field():
    return models.CharField(
        _("dates known to the"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text=_(
            'Choose "month only" when the source gives no day; the day you enter is then hidden.'
        ),
    )
