"""WordPress exports (WXR) into `StoryRecord`s, keeping what WordPress meant.

- **Which posts, and who sees them.** `post` items become stories; `page` items only with
  `--wxr-pages`; attachments become the images of their posts; menu items, revisions,
  auto-drafts, trashed posts, comments and other post types are skipped and counted. Every
  record carries its status, so `--status` never applies: `publish` is published at its date;
  `future` is published at its future date (scheduled: readers see it when WordPress would
  have), or in review if that date has passed (WordPress's "missed schedule"); `pending` is
  in review; `draft`, `private` and password-protected posts are drafts. Nothing WordPress
  did not show readers is public here.
- **The key** is the export's site (`wp:base_blog_url`, else `wp:base_site_url`, else the
  channel's link) and the post id: `wxr:` + 32 hex digits of SHA-256 (`content_key`), so
  posts that share a guid stay apart and importing the export again, or a later export of
  the same site, updates them.
- **Slugs** are `wp:post_name` as they were (percent-encoded non-Latin slugs transliterated,
  as every slug here is ASCII). Each post's old addresses (the path of its `<link>`, and
  `/?p=ID` or `/?page_id=ID`) are stored as `wire.OldPath` rows when the story is saved; the
  site answers them with a 301 to the story once readers may see it.
- **Authors** by display name (`wp:author_display_name`, not the login), linked to the
  story's authors when the register has an accepted person of that name or alias.
- **Categories**: the primary category (Yoast's or Rank Math's, else the first that is not
  "Uncategorized") is the section; its parent categories and the other categories become
  tags, beside the post's tags. Sections stay flat, so the hierarchy is kept as tags.
- **Deks** from excerpts; the featured image (`_thumbnail_id`; else the first image
  uploaded to the post) is the lead image, looked for in each `--media-dir` under its
  uploads path (`2024/05/harbor.jpg`) or by its bare name; inline images and `[gallery]`
  images become figures linking to their copy in media storage when found there (the body
  allowlist has no `<img>`), else to their old address.
- **Body**: blocks' comments dropped; posts without blocks get WordPress's automatic
  paragraphs (a blank line ends a paragraph, a single line end is a `<br>`); `[caption]` is a
  figure with its caption, `[gallery]` figures, `[embed]` and `[audio]`/`[video]` links;
  other shortcodes are removed (an enclosing one keeps its text), never shown raw.
"""

import datetime as dt
import html
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, unquote, urlsplit

from django.utils import timezone

from articles.models import Article
from articles.sanitize import strip_tags
from articles.slugs import readable_slug
from articles.text_clean import clean_line

from .records import ImageRecord, Origin, SourceError, StoryRecord, content_key

WXR_NAMESPACE = re.compile(rb"""xmlns:wp\s*=\s*["'](https?://wordpress\.org/export/[^"']+)["']""")
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
# Post types that are not content readers saw as posts: counted under these words.
SKIPPED_TYPES = {
    "attachment": "attachment (images of their posts)",
    "nav_menu_item": "menu item",
    "revision": "revision",
}
PRIMARY_CATEGORY_KEYS = ("_yoast_wpseo_primary_category", "rank_math_primary_category")
UNCATEGORIZED = {"uncategorized", "uncategorised"}


def is_wxr(data: bytes) -> bool:
    """A WordPress export declares the `wp` export namespace near its top."""
    return bool(WXR_NAMESPACE.search(data[:8192]))


@dataclass
class Attachment:
    url: str
    file: str  # `_wp_attached_file`: the path under the uploads folder
    alt: str = ""
    caption: str = ""
    parent: str = ""


@dataclass
class Export:
    """What the channel says, read once."""

    site: str
    authors: dict[str, str] = field(default_factory=dict)  # login → display name
    categories: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # by nicename:
    # (name, parent nicename, term id)
    category_ids: dict[str, str] = field(default_factory=dict)  # term id → nicename
    attachments: dict[str, Attachment] = field(default_factory=dict)  # by post id
    by_url: dict[str, Attachment] = field(default_factory=dict)  # attachment URL → attachment


def records_from_wxr(
    data: bytes,
    source,
    warnings: list[str],
    *,
    pages: bool = False,
    media_dirs: list[str] | tuple = (),
    store_media: bool = True,
) -> Iterator[StoryRecord | SourceError]:
    """Every post (and page, with `pages`) of a WordPress export, in the export's order."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    origin = Origin(source.name)
    match = WXR_NAMESPACE.search(data[:8192])
    if not match:
        raise SourceError(origin, "not a WordPress export (no wordpress.org/export namespace)")
    wp = "{" + match.group(1).decode() + "}"
    try:
        root = fromstring(data)
    except (ParseError, DefusedXmlException) as exc:
        raise SourceError(origin, f"not a well-formed WordPress export: {exc}") from exc
    channel = root.find("channel")
    if channel is None:
        raise SourceError(origin, "a WordPress export without a <channel>")
    export = _read_channel(channel, wp)
    reader = _PostReader(export, wp, source, list(media_dirs), store_media)
    skipped: Counter = Counter()
    comments = 0
    records: list[StoryRecord | SourceError] = []
    for item in channel.findall("item"):
        comments += len(item.findall(f"{wp}comment"))
        kind = _text(item, f"{wp}post_type") or "post"
        status = _text(item, f"{wp}status")
        if kind == "page" and not pages:
            skipped["page (--wxr-pages imports them)"] += 1
            continue
        if kind not in ("post", "page"):
            skipped[SKIPPED_TYPES.get(kind, f"{kind} (a custom post type)")] += 1
            continue
        if status in ("trash", "auto-draft", "inherit"):
            skipped[{"trash": "trashed post", "inherit": "revision"}.get(status, "auto-draft")] += 1
            continue
        try:
            records.append(reader.record(item, kind))
        except ValueError as exc:
            records.append(SourceError(origin, f"post {_text(item, f'{wp}post_id')}: {exc}"))
    if comments:
        skipped["comment"] = comments
    told = [f"{what} × {n}" for what, n in skipped.items()]
    summary = f"{source.name}: WordPress export of {export.site or 'a site'}: " + (
        f"skipped {', '.join(told)}" if told else "nothing skipped"
    )
    stories = [r for r in records if isinstance(r, StoryRecord)]
    if not records:
        raise SourceError(origin, f"no posts to import ({', '.join(told) or 'empty export'})")
    if stories:
        stories[0].warnings[:0] = [*warnings, summary]
    yield from records


def _read_channel(channel, wp: str) -> Export:
    # The blog's own address: on a network (wordpress.com, multisite) base_site_url is the
    # network's, the same for every blog in it.
    site = (
        _text(channel, f"{wp}base_blog_url")
        or _text(channel, f"{wp}base_site_url")
        or _text(channel, "link")
    )
    export = Export(site=site.rstrip("/"))
    for author in channel.findall(f"{wp}author"):
        login = _text(author, f"{wp}author_login")
        name = _text(author, f"{wp}author_display_name") or " ".join(
            filter(
                None,
                [_text(author, f"{wp}author_first_name"), _text(author, f"{wp}author_last_name")],
            )
        )
        if login:
            export.authors[login] = clean_line(html.unescape(name)) or login
    for category in channel.findall(f"{wp}category"):
        nicename = unquote(_text(category, f"{wp}category_nicename"))
        name = clean_line(html.unescape(_text(category, f"{wp}cat_name"))) or nicename
        term_id = _text(category, f"{wp}term_id")
        parent = unquote(_text(category, f"{wp}category_parent"))
        if nicename:
            export.categories[nicename] = (name, parent, term_id)
            if term_id:
                export.category_ids[term_id] = nicename
    for item in channel.findall("item"):
        if _text(item, f"{wp}post_type") != "attachment":
            continue
        meta = _postmeta(item, wp)
        attachment = Attachment(
            url=_text(item, f"{wp}attachment_url") or _text(item, "guid"),
            file=meta.get("_wp_attached_file", ""),
            alt=clean_line(meta.get("_wp_attachment_image_alt", "")),
            caption=strip_tags(_excerpt(item)),
            parent=_text(item, f"{wp}post_parent"),
        )
        export.attachments[_text(item, f"{wp}post_id")] = attachment
        if attachment.url:
            export.by_url[_unsized(attachment.url)] = attachment
    return export


class _PostReader:
    def __init__(self, export: Export, wp: str, source, media_dirs: list[str], store: bool):
        self.export, self.wp, self.source = export, wp, source
        self.media_dirs = [Path(d).resolve() for d in media_dirs]
        self.store = store

    def record(self, item, kind: str) -> StoryRecord:
        wp = self.wp
        post_id = _text(item, f"{wp}post_id")
        # Hand-written exports may lack post ids: the guid (else the link) names the post.
        identity = post_id or f"guid:{_text(item, 'guid') or _text(item, 'link')}"
        if identity == "guid:":
            raise ValueError("has neither wp:post_id nor a guid or link")
        origin = Origin(f"{self.source.name} (post {post_id or identity[5:]})")
        warnings: list[str] = []
        link = _text(item, "link")
        link = link if link.lower().startswith(("http://", "https://")) else ""
        base = link or self.export.site
        status, published_at, note = self._status(item)
        if note:
            warnings.append(f"{origin}: {note}")
        meta = _postmeta(item, wp)
        body = self._body(_text(item, f"{{{CONTENT_NS}}}encoded"), base, post_id, warnings, origin)
        headline = clean_line(strip_tags(_text(item, "title")))
        if not headline:
            headline = _first_words(strip_tags(body)) or f"Untitled post {post_id}"
            warnings.append(f"{origin}: no title; the headline is made from the text")
        section, tags = self._categories(item, meta)
        login = _text(item, f"{{{DC_NS}}}creator")
        byline = self.export.authors.get(login, login)
        image, image_path = self._lead_image(meta, post_id, origin, warnings)
        record = StoryRecord(
            key=content_key("wxr", self.export.site, identity),
            headline=headline[:300],
            body=body,
            origin=origin,
            source_url=link[:1000],
            slug=_slug(_text(item, f"{wp}post_name")),
            dek=clean_line(strip_tags(_excerpt(item))),
            section=section,
            byline=byline,
            published_at=published_at,
            status=status,
            image=image,
            tags=tags,
            flags=["wordpress-page"] if kind == "page" else [],
            warnings=warnings,
            sidecar_path=image_path,
        )
        old_paths = _old_paths(link, post_id, kind)
        record.on_saved = [_remember_old_paths_and_authors(old_paths, byline)]
        return record

    # --- status and date ----------------------------------------------------------------

    def _status(self, item) -> tuple[str, dt.datetime | None, str]:
        wp = self.wp
        status = _text(item, f"{wp}status") or "draft"
        when = _when(_text(item, f"{wp}post_date_gmt"), utc=True) or _when(
            _text(item, f"{wp}post_date"), utc=False
        )
        protected = bool(_text(item, f"{wp}post_password"))
        if status == "publish" and not protected:
            return Article.Status.PUBLISHED, when, ""
        if status == "publish":
            return Article.Status.DRAFT, None, "password-protected on WordPress: a draft here"
        if status == "future":
            if when and when > timezone.now():
                return Article.Status.PUBLISHED, when, ""  # scheduled: goes live then
            return Article.Status.REVIEW, None, "scheduled on WordPress for a time that has passed"
        # Not yet published on WordPress: its date is a draft's, not a publication time.
        if status == "pending":
            return Article.Status.REVIEW, None, ""
        if status == "private":
            return Article.Status.DRAFT, None, "private on WordPress: a draft here"
        return Article.Status.DRAFT, None, ""

    # --- sections and tags --------------------------------------------------------------

    def _categories(self, item, meta: dict) -> tuple[str, list[str]]:
        export = self.export
        categories, tags = [], []
        for element in item.findall("category"):
            name = clean_line(html.unescape(element.text or ""))
            nicename = unquote(element.get("nicename", ""))
            domain = element.get("domain", "")
            if domain == "category" and (name or nicename):
                categories.append((nicename, name or nicename))
            elif domain in ("post_tag", "") and name:  # no domain: an RSS category
                tags.append(name)
        primary = None
        for key in PRIMARY_CATEGORY_KEYS:
            nicename = export.category_ids.get(meta.get(key, ""))
            if nicename and any(nicename == n for n, _ in categories):
                primary = nicename
        if primary is None:
            named = [
                n
                for n, name in categories
                if n.lower() not in UNCATEGORIZED and name.lower() not in UNCATEGORIZED
            ]
            primary = named[0] if named else None
        section, extra = "", []
        for nicename, name in categories:
            full = export.categories.get(nicename, (name, "", ""))[0] or name
            if nicename == primary and not section:
                section = full
            elif full.lower() not in UNCATEGORIZED:
                extra.append(full)
        if primary:  # the section's parents, nearest first
            parent, seen = export.categories.get(primary, ("", "", ""))[1], {primary}
            while parent and parent not in seen:
                seen.add(parent)
                name, grand, _ = export.categories.get(parent, (parent, "", ""))
                extra.append(name)
                parent = grand
        return section[:100], [t for t in extra + tags if readable_slug(t)]

    # --- images -------------------------------------------------------------------------

    def _lead_image(self, meta, post_id, origin, warnings) -> tuple[ImageRecord | None, str]:
        attachment = self.export.attachments.get(meta.get("_thumbnail_id", ""))
        if attachment is None:
            children = [
                a
                for a in self.export.attachments.values()
                if a.parent == post_id and _is_image(a.url or a.file)
            ]
            attachment = children[0] if children else None
        if attachment is None:
            return None, ""
        found = self._find_media(attachment.file or attachment.url)
        name = PurePosixPath(urlsplit(attachment.url).path or attachment.file).name
        image = ImageRecord(
            file=found.name if found else unquote(name),
            alt=attachment.alt,
            caption=attachment.caption,
        )
        if found is None and self.media_dirs:
            warnings.append(
                f"{origin}: featured image {attachment.file or name} is not in "
                "the --media-dir folders"
            )
        return image, str(found) if found else ""

    def _find_media(self, reference: str) -> Path | None:
        """The file for an uploads path or URL in one of the media folders: by its path under
        `uploads/` (2024/05/x.jpg), else by its bare name; for a resized copy
        (x-300x200.jpg) the original too. Never outside those folders."""
        if not reference or not self.media_dirs:
            return None
        path = unquote(urlsplit(reference).path if "://" in reference else reference)
        parts = [p for p in path.split("/") if p]
        if "uploads" in parts:
            parts = parts[len(parts) - parts[::-1].index("uploads") :]
        if not parts or any(p in (".", "..") or "\\" in p or "\x00" in p for p in parts):
            return None
        wanted = [parts, parts[-1:]]
        original = _unsized(parts[-1])
        if original != parts[-1]:
            wanted += [parts[:-1] + [original], [original]]
        for root in self.media_dirs:
            for candidate in wanted:
                path = root.joinpath(*candidate)
                try:
                    if path.is_file() and path.resolve().is_relative_to(root):
                        return path
                except OSError:  # a name too long for the file system, an unreadable folder
                    continue
        return None

    def _figure(self, src: str, alt: str, caption: str, base: str) -> str:
        """A figure linking to the picture: its copy in media storage when found, else its
        old address (the body allowlist has no <img>; feeds do the same)."""
        href = self._stored_url(src) or _absolute(src, base)
        text = f"Image: {alt}" if alt else "Image"
        link = f'<a href="{html.escape(href)}">{html.escape(text, quote=False)}</a>' if href else ""
        if not link and not caption:
            return ""
        caption_html = f"<figcaption>{caption}</figcaption>" if caption else ""
        # Put in after the body's links are made absolute (a media URL may be relative).
        self.figures.append(f"<figure>{link}{caption_html}</figure>")
        return f"\n\n{_FIGURE_MARK}{len(self.figures) - 1}{_FIGURE_MARK}\n\n"

    def _stored_url(self, src: str) -> str:
        found = self._find_media(src)
        if found is None or not self.store:
            return ""
        from django.core.exceptions import ValidationError

        try:
            return _store(found, self.media_dirs)
        except (ValidationError, OSError):
            return ""

    # --- the body -----------------------------------------------------------------------

    def _body(self, content: str, base: str, post_id: str, warnings, origin) -> str:
        from .feed_content import entry_html

        if not content.strip():
            return ""
        self.figures: list[str] = []
        blocks = "<!-- wp:" in content
        content = _BLOCK_COMMENT.sub("", content)
        content = self._shortcodes(content, base, post_id)
        content = _LINKED_IMAGE.sub(
            lambda m: self._image_tag(m.group(2), m.group(1), base), content
        )
        content = _IMAGE.sub(lambda m: self._image_tag(m.group(0), "", base), content)
        if not blocks:
            content = autop(content)
        content = entry_html({"value": content, "type": "text/html"}, base)
        return _FIGURE_PLACE.sub(lambda m: self.figures[int(m.group(1) or m.group(2))], content)

    def _image_tag(self, tag: str, link_href: str, base: str, caption: str = "") -> str:
        attrs = _attributes(tag)
        src = attrs.get("src", "")
        full = self.export.by_url.get(_unsized(_absolute(src, base) or src))
        # A thumbnail linked to its full size: the full size is the picture.
        if link_href and _is_image(link_href):
            src = link_href
        elif full is not None:
            src = full.url
        return self._figure(src, clean_line(attrs.get("alt", "")), caption, base)

    def _shortcodes(self, content: str, base: str, post_id: str) -> str:
        def replace(match: re.Match) -> str:
            if match.group(1) == "[" and match.group(6) == "]":
                return match.group(0)[1:-1]  # [[escaped]] is shown as [escaped]
            name, attrs, inner = match.group(2).lower(), _attributes(match.group(3)), match.group(5)
            if name in ("caption", "wp_caption"):
                return self._caption(inner or "", attrs, base)
            if name == "gallery":
                return self._gallery(attrs, post_id, base)
            if name == "embed" and inner:
                url = _absolute(inner.strip(), base)
                return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>' if url else ""
            if name in ("audio", "video", "playlist"):
                url = next(
                    (
                        _absolute(attrs[k], base)
                        for k in ("src", "mp3", "mp4", "url")
                        if attrs.get(k)
                    ),
                    "",
                )
                return f'<p><a href="{html.escape(url)}">{name.title()}</a></p>' if url else ""
            if inner is not None:
                return self._shortcodes(inner, base, post_id)  # enclosing: its text stays
            if match.group(3).strip() or name in KNOWN_SHORTCODES or match.group(4):
                return ""  # a self-closing shortcode with attributes, or a known one
            return match.group(0)  # "[sic]", "[1]": brackets in prose, not a shortcode

        return _SHORTCODE.sub(replace, content)

    def _caption(self, inner: str, attrs: dict, base: str) -> str:
        image = _LINKED_IMAGE.search(inner) or _IMAGE.search(inner)
        if image is None:
            text = attrs.get("caption", "") or inner
            return f"<p>{text.strip()}</p>" if text.strip() else ""
        caption = (attrs.get("caption") or inner[image.end() :] or "").strip()
        if _LINKED_IMAGE.match(image.group(0)):
            tag, href = image.group(2), image.group(1)
        else:
            tag, href = image.group(0), ""
        return self._image_tag(tag, href, base, caption)

    def _gallery(self, attrs: dict, post_id: str, base: str) -> str:
        ids = [i.strip() for i in (attrs.get("ids") or attrs.get("include") or "").split(",")]
        if ids and ids[0]:
            pictures = [self.export.attachments[i] for i in ids if i in self.export.attachments]
        else:
            pictures = [
                a
                for a in self.export.attachments.values()
                if a.parent == (attrs.get("id") or post_id) and _is_image(a.url)
            ]
        return "".join(
            self._figure(p.url, p.alt, html.escape(p.caption, quote=False), base) for p in pictures
        )


# --- hooks run by the writer when the story is saved ------------------------------------------


def _remember_old_paths_and_authors(paths: list[str], byline: str):
    """Called with the saved story, in its transaction: its old addresses answer with a 301
    (wire.OldPath) and its WordPress author is linked when the register knows them."""

    def hook(article):
        from newsroom.text import normalize_name
        from people.models import Person, PersonAlias
        from wire.models import OldPath

        for path in paths:
            OldPath.remember(path, article)
        if not byline or article.authors.exists():
            return
        person = Person.objects.public().filter(name__iexact=byline).first()
        if person is None:
            alias = PersonAlias.objects.filter(
                normalized=normalize_name(byline), person__in=Person.objects.public()
            ).first()
            person = alias.person if alias else None
        if person is not None:
            article.authors.add(person)

    return hook


def _old_paths(link: str, post_id: str, kind: str) -> list[str]:
    key = "page_id" if kind == "page" else "p"
    paths = [f"/?{key}={int(post_id)}"] if post_id.isdigit() else []
    if link:
        parts = urlsplit(link)
        query = parse_qs(parts.query)
        for name in ("p", "page_id"):
            if query.get(name, [""])[0].isdigit() and parts.path in ("", "/"):
                paths.append(f"/?{name}={int(query[name][0])}")
        path = unquote(parts.path)
        if path not in ("", "/") and len(path) <= 1000:
            paths.append(path)
    return list(dict.fromkeys(paths))


# --- media --------------------------------------------------------------------------------------


def _store(path: Path, roots: list[Path]) -> str:
    """Copy an inline image into media storage once (checked by its content, under the
    extension of what it is), keeping its uploads folders; its URL."""
    from django.core.files import File
    from django.core.files.storage import default_storage

    from articles.images import image_kind, name_for

    root = next(r for r in roots if path.resolve().is_relative_to(r))
    relative = path.resolve().relative_to(root).as_posix()
    with path.open("rb") as handle:
        kind = image_kind(handle)
        stored = f"articles/imported/wp/{name_for(relative, kind)}"
        if not (
            default_storage.exists(stored) and default_storage.size(stored) == path.stat().st_size
        ):
            stored = default_storage.save(stored, File(handle, name=os.path.basename(stored)))
    return default_storage.url(stored)


# --- text ---------------------------------------------------------------------------------------

# WordPress's shortcode grammar: [name attrs], [name attrs /], [name attrs]inner[/name], and
# [[name]] for a literal.
_SHORTCODE = re.compile(
    r"\[(\[?)([A-Za-z][\w-]*)(?![\w-])([^\]\/]*(?:\/(?!\])[^\]\/]*)*?)"
    r"(?:(\/)\]|\](?:((?:[^\[]|\[(?!\/\2\]))*?)\[\/\2\])?)(\]?)",
    re.DOTALL,
)
# Shortcodes removed even with no attributes: WordPress's own and the commonest plugins'.
KNOWN_SHORTCODES = {
    "caption",
    "wp_caption",
    "gallery",
    "embed",
    "audio",
    "video",
    "playlist",
    "more",
    "contact-form-7",
    "contact-form",
    "wpforms",
    "gravityform",
    "toc",
    "ad",
    "adsense",
    "vc_row",
    "vc_column",
    "vc_column_text",
    "et_pb_section",
    "et_pb_row",
    "et_pb_text",
}
_FIGURE_MARK = "\u2063WXRFIGURE\u2063"  # invisible separators around a figure's number
_FIGURE_PLACE = re.compile(
    rf"<p>\s*{_FIGURE_MARK}(\d+){_FIGURE_MARK}\s*</p>|{_FIGURE_MARK}(\d+){_FIGURE_MARK}"
)
_BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_LINKED_IMAGE = re.compile(
    r"<a\b[^>]*?\bhref\s*=\s*[\"']([^\"']*)[\"'][^>]*>\s*(<img\b[^>]*>)\s*</a>", re.IGNORECASE
)
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'\]]+))""")
_SIZED = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
_BLOCK_TAGS = (
    "table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|"
    "area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|"
    "hgroup|header|footer|nav|figure|figcaption|details|menu|summary"
)
_STARTS_BLOCK = re.compile(rf"^\s*</?(?:{_BLOCK_TAGS})\b", re.IGNORECASE)
_ENDS_BLOCK = re.compile(rf"</?(?:{_BLOCK_TAGS})\b[^>]*>\s*$", re.IGNORECASE)
_PRE = re.compile(r"<pre\b.*?</pre>", re.IGNORECASE | re.DOTALL)


def autop(text: str) -> str:
    """WordPress's automatic paragraphs, as its themes show classic-editor posts: text
    separated by a blank line is a paragraph; a single line end inside one is a `<br>`;
    block elements stay as they are."""
    preserved: list[str] = []

    def keep(match):
        preserved.append(match.group(0))
        return f"\x00{len(preserved) - 1}\x00"

    text = _PRE.sub(keep, text.replace("\r\n", "\n").replace("\r", "\n"))
    # Block tags start and end paragraphs of their own.
    text = re.sub(rf"(<(?:{_BLOCK_TAGS})\b[^>]*>)", r"\n\n\1", text, flags=re.IGNORECASE)
    text = re.sub(rf"(</(?:{_BLOCK_TAGS})>)", r"\1\n\n", text, flags=re.IGNORECASE)
    out = []
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if (
            _STARTS_BLOCK.match(chunk)
            or _ENDS_BLOCK.search(chunk)
            or re.fullmatch(r"\x00\d+\x00", chunk)
        ):
            out.append(chunk)
        else:
            out.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    joined = "\n".join(out)
    return re.sub(r"\x00(\d+)\x00", lambda m: preserved[int(m.group(1))], joined)


def _text(element, tag: str) -> str:
    found = element.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _excerpt(item) -> str:
    for child in item:
        if child.tag.endswith("}encoded") and "/excerpt/" in child.tag:
            return (child.text or "").strip()
    return ""


def _postmeta(item, wp: str) -> dict[str, str]:
    meta = {}
    for entry in item.findall(f"{wp}postmeta"):
        key = _text(entry, f"{wp}meta_key")
        if key and key not in meta:
            meta[key] = _text(entry, f"{wp}meta_value")
    return meta


def _when(value: str, *, utc: bool) -> dt.datetime | None:
    if not value or value.startswith("0000"):
        return None
    try:
        parsed = dt.datetime.strptime(value[:19], "%Y-%m-%d %H:%M:%S")
    except ValueError:
        return None
    return parsed.replace(tzinfo=dt.UTC) if utc else timezone.make_aware(parsed)


_SLUG = re.compile(r"^[-a-zA-Z0-9_]+$")


def _slug(post_name: str) -> str:
    if _SLUG.match(post_name):
        return post_name[:255]
    return readable_slug(unquote(post_name), 255) if post_name else ""


def _attributes(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): html.unescape(next(g for g in m.groups()[1:] if g is not None))
        for m in _ATTRIBUTE.finditer(text or "")
    }


def _absolute(url: str, base: str) -> str:
    from .feed_content import resolve

    return resolve(html.unescape(url or ""), base) or ""


def _unsized(url: str) -> str:
    """`photo-300x200.jpg` → `photo.jpg`: WordPress's resized copies name their original."""
    return _SIZED.sub("", url)


def _is_image(name: str) -> bool:
    return PurePosixPath(urlsplit(name).path if "://" in name else name).suffix.lower() in (
        IMAGE_EXTENSIONS
    )


def _first_words(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


__all__ = ["autop", "is_wxr", "records_from_wxr"]
