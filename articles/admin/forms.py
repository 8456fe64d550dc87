"""The story form: the edit-conflict check, the workflow move it plans, the box rows."""

from html.parser import HTMLParser

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from organizations.models import ReviewStatus

from .. import services
from ..models import Article
from ..sanitize import clean_body

EDITOR_CSS = [
    "django_prose_editor/material-icons.css",
    "django_prose_editor/editor.css",
    "django_prose_editor/overrides.css",
    "desk/desk.css",
]


# What the rich-text editor's schema keeps (static/desk/story_editor.js): tags and the
# attributes it writes back. The body's allowlist (articles/sanitize.py) keeps more, which
# imports bring (tables, abbreviations, figures).
EDITOR_KEEPS = {
    **dict.fromkeys(
        [
            *("p", "br", "hr", "em", "strong", "b", "i", "u", "s", "sub", "sup", "code"),
            *("mark", "blockquote", "ul", "ol", "li", "h2", "h3", "h4"),
        ],
        frozenset(),
    ),
    "a": frozenset({"href", "title", "rel"}),
}


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.beyond = set()

    def handle_starttag(self, tag, attrs):
        if tag not in EDITOR_KEEPS:
            self.beyond.add(f"<{tag}>")
            return
        self.beyond.update(
            f"<{tag} {name}>" for name, _value in attrs if name not in EDITOR_KEEPS[tag]
        )


def markup_the_editor_would_lose(html: str) -> list[str]:
    """What in a stored body the rich-text editor cannot show, e.g. ["<abbr>", "<table>"]:
    such a body is edited as HTML, so that saving a story never drops what it had."""
    parser = _Markup()
    parser.feed(html or "")
    parser.close()
    return sorted(parser.beyond)


class StoryBodyEditor(forms.Textarea):
    """The body's rich-text editor (django-prose-editor's Tiptap build, started by
    static/desk/story_editor.js): a plain textarea until its module runs. A body with markup
    the editor cannot keep stays an HTML textarea, and says why."""

    def __init__(self, attrs=None):
        super().__init__({"data-story-editor": "", "rows": 18, **(attrs or {})})

    def render(self, name, value, attrs=None, renderer=None):
        lost = markup_the_editor_would_lose(value) if isinstance(value, str) else []
        if not lost:
            return super().render(name, value, attrs, renderer)
        plain = forms.Textarea({k: v for k, v in self.attrs.items() if k != "data-story-editor"})
        note_id = f"{(attrs or {}).get('id', name)}_as_html"
        textarea = plain.render(
            name, value, {**(attrs or {}), "aria-describedby": note_id}, renderer
        )
        return format_html(
            '<p class="body-as-html" id="{}">This body has markup the editor cannot show '
            "({}), so it opens as HTML: edit it here, and it is kept as it is.</p>{}",
            note_id,
            ", ".join(lost),
            textarea,
        )

    class Media:
        css = {"all": EDITOR_CSS}
        js = [forms.Script("desk/story_editor.js", type="module")]

    def use_required_attribute(self, initial):
        return False  # the textarea is hidden behind the editor


class StoryBodyField(forms.CharField):
    """A body is changed only when what would be stored changes (the editor may write the
    same story in other markup): history then names only the fields that changed."""

    widget = StoryBodyEditor

    def has_changed(self, initial, data):
        return clean_body(initial or "") != clean_body(data or "")


# The publishing panel's buttons: what each asks the workflow for, and what it says after.
WORKFLOW_BUTTONS = {
    "_publish_now": "Published.",
    "_schedule": "Scheduled.",
    "_unpublish": "Unpublished: the story is a draft again.",
    "_archive": "Archived.",
    "_submit_for_review": "Submitted for review. An editor will take it from here.",
}


def pressed_workflow_button(data) -> str | None:
    return next((name for name in WORKFLOW_BUTTONS if name in data), None)


def workflow_buttons(user, article) -> list[tuple[str, str]]:
    """The publishing panel's buttons this user may use on this story: (name, label)."""
    status = article.status if article.pk else Article.Status.DRAFT
    editor = services.can_publish(user, article if article.pk else None)
    buttons = []
    if editor and not article.is_public and status != Article.Status.ARCHIVED:
        buttons.append(("_publish_now", "Publish now"))
        buttons.append(("_schedule", "Schedule"))
    if status == Article.Status.DRAFT and (not article.pk or services.can_edit(user, article)):
        buttons.append(("_submit_for_review", "Submit for review"))
    if editor and status in (Article.Status.PUBLISHED, Article.Status.ARCHIVED):
        buttons.append(("_unpublish", "Unpublish"))
    if editor and article.pk and status != Article.Status.ARCHIVED:
        buttons.append(("_archive", "Archive"))
    return buttons


class BoxRowForm(forms.ModelForm):
    """A row of an “in this story” box. Its position is set by dragging the row (or its
    Move up / Move down buttons, static/desk/boxes.js); an empty one keeps the row where it
    stands."""

    position = forms.IntegerField(min_value=0, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            self.fields["status"].required = False

    def clean_position(self):
        return self.cleaned_data.get("position") or 0

    def clean_status(self):
        return self.cleaned_data.get("status") or ReviewStatus.ACCEPTED


class OrderedBoxFormSet(BaseInlineFormSet):
    """Keeps the box in the order the editor sees: by position, then by row order."""

    def save(self, commit=True):
        kept = [
            (form.cleaned_data.get("position") or 0, index, form)
            for index, form in enumerate(self.forms)
            if form.has_changed() or form.instance.pk
            if not self._should_delete_form(form) and form.cleaned_data
        ]
        for new_position, (_, _, form) in enumerate(sorted(kept, key=lambda row: row[:2])):
            form.instance.position = new_position
            if form.instance.pk and "position" not in form.changed_data:
                form.changed_data.append("position")
        return super().save(commit=commit)


class ArticleAdminForm(forms.ModelForm):
    """The story form, with the edit-conflict check.

    `edit_token` carries the story's `updated_at` as it was when the form was opened. If the
    row has moved on since (another editor saved), the save is refused and nothing is
    overwritten. The row is locked while this is checked, so two saves cannot both pass.
    """

    edit_token = forms.CharField(widget=forms.HiddenInput, required=False)
    check_conflicts = True

    class Meta:
        model = Article
        # The admin passes its fieldsets as the fields; this is only the fallback.
        exclude = ["import_hash"]  # noqa: DJ006
        field_classes = {"body": StoryBodyField}
        widgets = {"body": StoryBodyEditor}
        help_texts = {
            "body": "Paragraphs, headings, bold, italic, links, lists, quotes and the toolbar's "
            "other marks, as readers will see them. Pasted text keeps its structure, not its "
            "styles.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.updated_at:
            self.fields["edit_token"].initial = self.instance.updated_at.isoformat()

    user = None  # set by ArticleAdmin.get_form: whose rights a change of state is checked with
    move = None  # the workflow service the save calls, planned by clean()

    def clean(self):
        cleaned = super().clean()
        self._check_publication(cleaned)
        button = pressed_workflow_button(self.data)
        if self.user is not None and button:
            try:
                self.move = self._plan_button(button, cleaned)
            except (services.TransitionError, PermissionDenied) as exc:
                raise ValidationError(str(exc)) from exc
        elif self.user is not None and {"status", "published_at"} & set(self.changed_data):
            try:
                self.move = services.plan_move(
                    article=self.instance,
                    user=self.user,
                    status=cleaned.get("status") or Article.Status.DRAFT,
                    at=cleaned.get("published_at"),
                )
            except (services.TransitionError, PermissionDenied) as exc:
                raise ValidationError({"status": str(exc)}) from exc
        if self.instance.pk and self.check_conflicts:
            current = (
                Article.objects.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("updated_at", flat=True)
                .first()
            )
            token = cleaned.get("edit_token") or ""
            if current and token != current.isoformat():
                raise ValidationError(conflict_message(self.instance, current), code="conflict")
        return cleaned

    def _check_publication(self, cleaned):
        """The section belongs to the story's home publication; new shares go to live
        publications other than its home. The instance carries the chosen home from here
        on, so the workflow checks the move against it."""
        home = cleaned.get("publication") if "publication" in self.fields else None
        if home is not None:
            self.instance.publication = home
        home = home or self.instance.publication
        section = cleaned.get("section")
        if section is not None and section.publication_id != home.pk:
            self.add_error(
                "section",
                f"“{section.name}” is a section of {section.publication}; choose one of "
                f"{home}'s sections (or none).",
            )
        shared = cleaned.get("shared_with")
        if "shared_with" in self.fields and shared is not None:
            if any(p.pk == home.pk for p in shared):
                self.add_error("shared_with", f"{home} is the story's home; it shows it anyway.")
            before = set(self.instance.shared_with.all()) if self.instance.pk else set()
            off_air = [p.name for p in shared if not p.is_live and p not in before]
            if off_air:
                self.add_error(
                    "shared_with", f"Not live, so no reader would see it: {', '.join(off_air)}."
                )

    def _plan_button(self, button, cleaned):
        """The move a publishing panel button asks for, checked by the workflow now and done
        by its service after the save."""
        Status = Article.Status

        def plan(status, at=None):
            return services.plan_move(article=self.instance, user=self.user, status=status, at=at)

        if button == "_submit_for_review":
            return plan(Status.REVIEW)
        if button == "_publish_now":
            if self.instance.pk and self.instance.is_public:
                raise services.TransitionError("This story is already published.")
            if not services.can_publish(self.user, self.instance):
                raise PermissionDenied("Only editors can publish stories.")
            return lambda saved: services.article_publish(article=saved, user=self.user, now=True)
        if button == "_schedule":
            at = cleaned.get("published_at")
            if not services.can_publish(self.user, self.instance):
                raise PermissionDenied("Only editors can schedule stories.")
            if at is None or at <= timezone.now():
                raise ValidationError(
                    {"published_at": "To schedule the story, give a time in the future here."}
                )
            return lambda saved: services.article_schedule(article=saved, user=self.user, at=at)
        if button == "_archive":
            return plan(Status.ARCHIVED)
        return plan(Status.DRAFT)  # _unpublish


def conflict_message(article, saved_at):
    from reversion.models import Version

    latest = Version.objects.get_for_object(article).select_related("revision__user").first()
    who = latest.revision.user if latest and latest.revision.user else "someone else"
    url = reverse("admin:articles_article_change", args=[article.pk])
    return format_html(
        "This story was changed by {} at {} after you opened it, so your changes were "
        'not saved and nothing was overwritten. <a href="{}">Open the newer version</a>, '
        "then make your changes again.",
        who,
        timezone.localtime(saved_at).strftime("%H:%M:%S"),
        url,
    )
