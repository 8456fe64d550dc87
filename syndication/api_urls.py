from django.urls import path

from . import api

app_name = "api"

urlpatterns = [
    path("articles/", api.articles, name="articles"),
    path("articles/<slug:slug>/", api.article, name="article"),
    path("organizations/", api.organizations, name="organizations"),
    path("organizations/<slug:slug>/", api.organization, name="organization"),
    path("people/", api.people, name="people"),
    path("people/<slug:slug>/", api.person, name="person"),
]
