from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Feedback


class FeedbackForm(forms.ModelForm):
    # A field people never see and robots fill in.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    class Meta:
        model = Feedback
        fields = ["name", "message", "page_address"]
        labels = {
            "name": _("Your name (optional)"),
            "message": _("What is the problem?"),
            "page_address": _("Address of the page (optional)"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(_("Tell us what the problem is."))
        return message

    def is_spam(self):
        return bool(self.cleaned_data.get("website"))
