from django.urls import path
from django.utils.translation import gettext_lazy as _

from .views import feedback

urlpatterns = [path(_("accessibility-feedback/"), feedback, name="accessibility_feedback")]
