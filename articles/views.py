"""Reader pages for stories: home, article, section, tag."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST
from taggit.models import Tag

from newsroom.context_processors import navigation_sections
from newsroom.pagination import paginate

from . import preview
from .front_page import FRONT_STORIES, build_front
from .models import Article, RetiredSlug, Section
from .services import can_edit, on_desk


def home(request):
    """Page 1 is the news front (a lead story, the next few, the latest by section), built
    from the newest stories in one query; later pages list older stories."""
    stories = Article.objects.published(request.publication).for_listing()
    if (request.GET.get("page") or "1") == "1":
        front = build_front(
            stories[:FRONT_STORIES],
            navigation_sections(request.publication),
            request.publication,
        )
        return render(request, "articles/home.html", {"front": front})
    return render(request, "articles/home.html", {"page": paginate(request, stories)})


def article_detail(request, slug):
    # Staff who may view articles also see drafts, at the real URL (never cached).
    publication = request.publication
    stories = Article.objects.visible_to(request.user, publication)
    article = stories.for_page().filter(slug=slug).first()
    if article is not None and not _may_read(request.user, article):
        article = None  # another writer's unpublished story: as if there were none
    if article is None:
        # A story whose slug changed after publication answers at its old URL with a 301.
        retired = RetiredSlug.objects.filter(slug=slug).values_list("article_id", flat=True)
        stories = Article.objects.visible_to(request.user, publication)
        moved = stories.filter(pk__in=retired).only(*_READ_RULE_FIELDS).first()
        if moved is None or not _may_read(request.user, moved):
            raise Http404("No such story.")
        return redirect(moved, permanent=True)
    response = render(request, "articles/article_detail.html", {"article": article})
    if not article.is_public:
        add_never_cache_headers(response)
    return response


_READ_RULE_FIELDS = ("slug", "status", "published_at", "created_by", "publication")


def _may_read(user, article) -> bool:
    """Everyone reads a public story; an unpublished one only those who may edit it and
    its own writer (a Contributor never reads another writer's draft), on a publication
    where their role applies (an Editor of one site never reads another's drafts)."""
    if article.is_public:
        return True
    if not on_desk(user, article):
        return False
    return (user.is_authenticated and article.created_by_id == user.pk) or can_edit(user, article)


def article_preview(request, token):
    """A reviewer without a login reads an unpublished story through a signed link."""
    try:
        article_id = preview.article_id_from(token)
    except signing.SignatureExpired:
        return _preview_gone(request, "This preview link has expired.")
    except signing.BadSignature as exc:
        raise Http404("No such preview.") from exc
    article = Article.objects.for_page().filter(pk=article_id).first()
    if article is None:
        raise Http404("No such preview.")
    if ended := preview.why_ended(token, article):
        return _preview_gone(request, ended, article)
    if article.publication_id != request.publication.pk:
        # Shared from the desk's host: shown under its own publication's masthead.
        return redirect(article.publication.url(request.get_full_path(), request))
    response = render(
        request, "articles/article_detail.html", {"article": article, "is_preview": True}
    )
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@require_POST
@staff_member_required
def article_preview_revoke(request, pk):
    """The story form's "Revoke preview links": every link shared so far stops working."""
    article = get_object_or_404(Article, pk=pk)
    preview.revoke_preview_links(article=article, user=request.user)
    messages.success(request, "Every preview link of this story shared so far has ended.")
    return redirect("admin:articles_article_change", article.pk)


def _preview_gone(request, message, article=None):
    response = render(
        request, "articles/preview_gone.html", {"message": message, "article": article}, status=410
    )
    add_never_cache_headers(response)
    return response


def section_detail(request, slug):
    section = get_object_or_404(Section.objects.public(request.publication), slug=slug)
    # A section is one publication's, so its stories are at home there: no placements join.
    stories = Article.objects.published(request.publication, shared=False)
    stories = stories.filter(section=section)
    stories = stories.for_listing()
    page = paginate(request, stories)
    return render(request, "articles/section_detail.html", {"section": section, "page": page})


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    stories = Article.objects.published(request.publication).filter(tags=tag).for_listing()
    if not stories.exists():  # a tag that only unpublished stories carry is not public
        raise Http404("No such tag.")
    page = paginate(request, stories)
    return render(request, "articles/tag_detail.html", {"tag": tag, "page": page})
