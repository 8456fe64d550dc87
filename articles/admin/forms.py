"""The story form: the edit-conflict check, the workflow move it plans, the box rows."""

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from organizations.models import ReviewStatus

from .. import services
from ..models import Article


class BoxRowForm(forms.ModelForm):
    """A row of an “in this story” box; an empty position keeps the row where it stands."""

    position = forms.IntegerField(min_value=0, required=False)

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.updated_at:
            self.fields["edit_token"].initial = self.instance.updated_at.isoformat()

    user = None  # set by ArticleAdmin.get_form: whose rights a change of state is checked with
    move = None  # the workflow service the save calls, planned by clean()

    def clean(self):
        cleaned = super().clean()
        if self.user is not None and {"status", "published_at"} & set(self.changed_data):
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
