from django.urls import path

from . import views

urlpatterns = [path("<int:page_id>/<str:filename>", views.press_kit, name="press_kit")]
