"""Stored XSS: a corpus of vectors in every field editors and imports fill, rendered in
headless Chromium on reader and admin pages, with the Content-Security-Policy bypassed so that
only escaping and sanitising stand between the vectors and execution. None may run."""

import io

import pytest
from django.core.management import call_command

from articles.models import Article, ArticleOrganization, ArticlePerson
from organizations.models import Organization, OrganizationAlias
from people.models import Person
from tests.factories import ArticleFactory, SectionFactory

from .conftest import admin_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CALL = "__x()"
BASE = [
    "<script>{c}</script>",
    "<img src=x onerror={c}>",
    '<img src="x" onerror="{c}">',
    "<IMG SRC=x ONERROR={c}>",
    "<img/src/onerror={c}>",
    "<svg onload={c}>",
    "<svg/onload={c}>",
    "<svg><script>{c}</script></svg>",
    "<svg><animate onbegin={c} attributeName=x dur=1s>",
    '<iframe src="javascript:{c}"></iframe>',
    '<iframe srcdoc="<script>parent.{c}</script>"></iframe>',
    "<body onload={c}>",
    "<details open ontoggle={c}>",
    "<input autofocus onfocus={c}>",
    "<select autofocus onfocus={c}></select>",
    "<textarea autofocus onfocus={c}></textarea>",
    "<video><source onerror={c}></video>",
    "<audio src=x onerror={c}>",
    '<object data="javascript:{c}"></object>',
    '<embed src="javascript:{c}">',
    "<marquee onstart={c}>x</marquee>",
    '<a href="javascript:{c}" id=xl>link</a>',
    '<a href="jav&#x09;ascript:{c}">link</a>',
    '<a href="&#106;avascript:{c}">link</a>',
    '<a href="JaVaScRiPt:{c}">link</a>',
    '<form><button formaction="javascript:{c}">b</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:{c}">',
    '<base href="javascript:{c}//">',
    '<div style="background:url(javascript:{c})">d</div>',
    "<style>@import 'javascript:{c}';</style>",
    '"><script>{c}</script>',
    "'><img src=x onerror={c}>",
    "</title><script>{c}</script>",
    "</script><script>{c}</script>",
    "</textarea><script>{c}</script>",
    "<scr<script>ipt>{c}</scr</script>ipt>",
    "<<script>script>{c}<</script>/script>",
    "<math><mtext><table><mglyph><style><img src=x onerror={c}>",
    '<noscript><p title="</noscript><img src=x onerror={c}>">',
    "<template><img src=x onerror={c}></template>",
    "<xmp><img src=x onerror={c}></xmp>",
    '<!--<img src="--><img src=x onerror={c}//">',
    "<img src=`x` onerror={c}>",
    '<svg><a xlink:href="javascript:{c}"><text y=20>t</text></a></svg>',
    "<isindex type=image src=1 onerror={c}>",
    "javascript:{c}",
    "{{% debug %}}{{{{7*7}}}}<img src=x onerror={c}>",
    "<img src=x onerror=&#95;&#95;x()>",
    "<img src=x onerror=\"eval(atob('X194KCk='))\">",
    "<a href=x onmouseover={c}>hover</a>",
    "<p onclick={c}>click</p>",
    "<picture><source srcset=x onerror={c}><img src=x></picture>",
]
VECTORS = [v.format(c=CALL) for v in BASE]
# Variants: upper-cased tags, wrapped in a paragraph, and after a quote-breaking prefix.
VECTORS += [v.replace("<img", "<IMG").replace("<svg", "<SVG") for v in VECTORS[:30]]
VECTORS += [f"<p>text {v} text</p>" for v in VECTORS[:25]]
assert len(VECTORS) >= 100

DUMP = """Webp xss
{v0} | {v1}

Headline with {v2} inside

Security

ORGANIZATIONS IN THIS STORY
{v3} | {v3}

First paragraph with {v4} in it, long enough to be read as the body of the story today.

Second paragraph: {v5} and more text so that it reads as prose from an agency.

ORGANIZATIONS IN THIS STORY
"""


def chunks(items, size):
    return [items[i : i + size] for i in range(0, len(items), size)]


@pytest.fixture
def poisoned(tmp_path):
    section = SectionFactory(name="Security", slug="security")
    stories = []
    for index, group in enumerate(chunks(VECTORS, 8)):
        group = (group * 8)[:8]  # the last chunk is shorter
        joined = " ".join(group)
        article = ArticleFactory(
            headline=f"Story {index} {group[0]}"[:300],
            slug=f"xss-{index}",
            dek=joined,
            body=joined,
            section=section,
            byline=group[-1],
            dateline=group[1][:120],
            image="articles/missing.webp",
            image_alt=joined[:500],
            image_caption=joined,
            image_credit=group[2][:255],
        )
        org = Organization.objects.create(
            name=f"Org {index} {group[3]}"[:255],
            slug=f"xss-org-{index}",
            acronym=group[4][:32],
            description=joined,
            website="javascript:__x()",
        )
        OrganizationAlias.objects.create(organization=org, name=f"alias {index} {group[5]}"[:255])
        person = Person.objects.create(
            name=f"Person {index} {group[6]}"[:255], slug=f"xss-person-{index}", bio=joined
        )
        ArticleOrganization.objects.create(
            article=article,
            organization=org,
            source="automatic",
            status="suggested",
            evidence={"sentence": joined, "text": group[7], "field": "body", "start": 0, "end": 1},
        )
        ArticlePerson.objects.create(article=article, person=person, title=group[0][:255])
        article.tags.add(f"tag {group[1]}"[:100])
        stories.append(article)
    dump = tmp_path / "xss.txt"
    dump.write_text(DUMP.format(**{f"v{i}": VECTORS[40 + i] for i in range(6)}))
    call_command(
        "import_articles",
        str(dump),
        "--status",
        "published",
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    return stories


WATCH = """
window.__xss = 0;
window.__x = () => { window.__xss += 1; };
window.alert = window.confirm = window.prompt = () => { window.__xss += 1; };
"""


def executions(page, url):
    page.goto(url)
    page.wait_for_timeout(150)
    return page.evaluate("window.__xss")


def test_no_vector_runs_on_reader_or_admin_pages(live_server, chromium, poisoned, editor_user):
    context = chromium.new_context(bypass_csp=True)
    context.add_init_script(WATCH)
    dialogs = []
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    # The detector works: an unescaped vector on a page of our own is caught.
    page.goto(f"{live_server.url}/robots.txt")
    page.set_content(VECTORS[1])
    page.wait_for_timeout(150)
    assert page.evaluate("window.__xss") == 1
    urls = ["/", "/sections/security/", "/search/?q=story", "/feeds/latest/rss/", "/api/articles/"]
    for article in poisoned:
        urls.append(article.get_absolute_url())
        urls += [
            f"/organizations/xss-org-{article.slug[4:]}/",
            f"/people/xss-person-{article.slug[4:]}/",
        ]
    imported = Article.objects.exclude(slug__startswith="xss-").get()
    urls.append(imported.get_absolute_url())
    ran = {}
    for path in urls:
        count = executions(page, f"{live_server.url}{path}")
        if count:
            ran[path] = count

    admin_login(page, live_server, editor_user.username)
    admin_urls = [
        "/admin/articles/article/",
        "/admin/organizations/organization/",
        "/admin/people/person/",
        f"/admin/articles/article/{imported.pk}/change/",
    ] + [f"/admin/articles/article/{a.pk}/change/" for a in poisoned[:4]]
    for path in admin_urls:
        count = executions(page, f"{live_server.url}{path}")
        if count:
            ran[path] = count
    context.close()
    assert ran == {} and dialogs == []
