from django.urls import path

from . import views

app_name = "organizations"

urlpatterns = [
    path("<slug:slug>/", views.organization_detail, name="detail"),
]
