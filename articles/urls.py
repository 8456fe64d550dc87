from django.urls import path

from . import search_views, views

app_name = "articles"

urlpatterns = [
    path("", views.home, name="home"),
    path("articles/<slug:slug>/", views.article_detail, name="detail"),
    path("search/", search_views.search, name="search"),
    path("preview/<str:token>/", views.article_preview, name="preview"),
    path("preview/revoke/<int:pk>/", views.article_preview_revoke, name="preview-revoke"),
    path("sections/<slug:slug>/", views.section_detail, name="section"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
]
