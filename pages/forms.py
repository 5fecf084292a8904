"""The image library's edit and upload form with the image's credit and licence
(WAGTAILIMAGES_IMAGE_FORM_BASE; see pages/image_credits.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.images.forms import BaseImageForm

from .image_credits import KNOWN_LICENCES, ImageRights, rights_of, save_rights


class ImageRightsForm(BaseImageForm):
    """Wagtail's image form, with the credit and licence kept in ImageRights."""

    credit = forms.CharField(
        label=_("Credit"),
        max_length=255,
        required=False,
        help_text=ImageRights._meta.get_field("credit").help_text,
    )
    licence = forms.CharField(
        label=_("Licence"),
        max_length=255,
        required=False,
        help_text=ImageRights._meta.get_field("licence").help_text,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        rights = rights_of(self.instance) if self.instance.pk else None
        if rights is not None:
            self.initial.setdefault("credit", rights.credit)
            self.initial.setdefault("licence", rights.licence)
        self.fields["licence"].help_text = format_known(self.fields["licence"].help_text)

    def save(self, commit=True):
        image = super().save(commit=commit)
        if commit and ("credit" in self.changed_data or "licence" in self.changed_data):
            save_rights(image, self.cleaned_data.get("credit"), self.cleaned_data.get("licence"))
        return image


def format_known(help_text):
    return f"{help_text} {_('Known licences:')} {', '.join(KNOWN_LICENCES)}."
