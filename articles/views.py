"""Reader pages for stories: home, article, section, tag."""

from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from taggit.models import Tag

from newsroom.pagination import paginate

from .models import Article, Section


def home(request):
    page = paginate(request, Article.objects.published().for_listing())
    return render(request, "articles/home.html", {"page": page})


def article_detail(request, slug):
    article = get_object_or_404(Article.objects.visible_to(request.user).with_boxes(), slug=slug)
    response = render(request, "articles/article_detail.html", {"article": article})
    if not article.is_public:
        add_never_cache_headers(response)
    return response


def section_detail(request, slug):
    section = get_object_or_404(Section, slug=slug)
    stories = Article.objects.published().filter(section=section).for_listing()
    page = paginate(request, stories)
    return render(request, "articles/section_detail.html", {"section": section, "page": page})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    stories = Article.objects.published().filter(tags=tag).for_listing()
    page = paginate(request, stories)
    return render(request, "articles/tag_detail.html", {"tag": tag, "page": page})
