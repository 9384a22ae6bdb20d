from django import forms
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.forms import DateInput, DateTimeInput, Form, ModelForm
from kerekasztal.core.records.uploads import DOCUMENTS, IMAGES
from kerekasztal.core.richtext import RichTextField

from .models import Album, Document, Post, PostKind, SiteSettings

MAX_SEARCH = 200


class PostForm(ModelForm):
    body = RichTextField(label=_("szöveg"), required=False)
    image = forms.FileField(label=_("Új kép"), required=False, help_text=IMAGES.describe())
    image_alt = forms.CharField(
        label=_("A kép helyettesítő szövege"), max_length=255, required=False,
        help_text=_("Kötelező, ha képet tölt fel: mit ábrázol a kép?"))
    image_caption = forms.CharField(label=_("Képaláírás"), max_length=255, required=False)
    attachment = forms.FileField(label=_("Új melléklet"), required=False,
                                 help_text=DOCUMENTS.describe())
    attachment_title = forms.CharField(label=_("A melléklet megnevezése"), max_length=255,
                                       required=False)

    class Meta:
        model = Post
        fields = ["kind", "title", "lead", "body", "status", "publish_at"]
        widgets = {"publish_at": DateTimeInput(), "lead": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("image") and not (data.get("image_alt") or "").strip():
            self.add_error("image_alt", _("Adja meg, mit ábrázol a kép."))
        if data.get("attachment") and not (data.get("attachment_title") or "").strip():
            self.add_error("attachment_title", _("Adja meg a melléklet megnevezését."))
        return data

    def uploads(self):
        data = self.cleaned_data
        images = ([(data["image"], data["image_alt"].strip(), data["image_caption"])]
                  if data.get("image") else [])
        attachments = ([(data["attachment"], data["attachment_title"].strip())]
                       if data.get("attachment") else [])
        return images, attachments

    def post_data(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class DocumentForm(ModelForm):
    class Meta:
        model = Document
        fields = ["title", "kind", "language", "translation_of", "issued_on", "description",
                  "file", "published"]
        widgets = {"issued_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        originals = Document.objects.filter(forum=forum, translation_of__isnull=True)
        if self.instance.pk:
            originals = originals.exclude(pk=self.instance.pk)
        self.fields["translation_of"].queryset = originals.order_by("title")
        self.fields["file"].help_text = DOCUMENTS.describe()
        self.instance.forum = forum


class AlbumForm(ModelForm):
    class Meta:
        model = Album
        fields = ["title", "taken_on", "description", "published"]
        widgets = {"taken_on": DateInput(), "description": forms.Textarea(attrs={"rows": 3})}


class PhotoForm(Form):
    image = forms.FileField(label=_("Kép"), help_text=IMAGES.describe())
    alt_text = forms.CharField(
        label=_("Helyettesítő szöveg"), max_length=255,
        help_text=_("Mit ábrázol a kép? Ezt olvassa fel a képernyőolvasó."))
    caption = forms.CharField(label=_("Képaláírás"), max_length=255, required=False)


class SiteSettingsForm(ModelForm):
    class Meta:
        model = SiteSettings
        fields = ["contact_hours", "contact_note", "compliance", "non_accessible",
                  "alternatives", "statement_prepared_on", "statement_reviewed_on",
                  "assessment_method", "accessibility_contact", "enforcement", "controller",
                  "dpo_contact", "privacy_extra"]
        widgets = {
            "statement_prepared_on": DateInput(), "statement_reviewed_on": DateInput(),
            **{name: forms.Textarea(attrs={"rows": 4}) for name in (
                "contact_note", "non_accessible", "alternatives", "enforcement", "controller",
                "privacy_extra")},
        }


class NewsFilterForm(Form):
    kind = forms.ChoiceField(label=_("Fajta"), required=False,
                             choices=[("", _("mind"))] + list(PostKind.choices))


class DocumentFilterForm(Form):
    kind = forms.ChoiceField(label=_("Fajta"), required=False)
    language = forms.ChoiceField(label=_("Nyelv"), required=False)

    def __init__(self, *args, **kwargs):
        from .models import DocumentKind, Language

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("mind"))] + list(DocumentKind.choices)
        self.fields["language"].choices = [("", _("mind"))] + list(Language.choices)


class SearchForm(Form):
    q = forms.CharField(label=_("Keresett szavak"), required=False)

    def clean_q(self):
        value = " ".join((self.cleaned_data.get("q") or "").split())
        if len(value) > MAX_SEARCH:
            raise forms.ValidationError(
                _("A keresés legfeljebb %(max)d karakter lehet; rövidítse le a keresett "
                  "szöveget.") % {"max": MAX_SEARCH})
        return value
