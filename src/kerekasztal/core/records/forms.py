from django import forms
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.forms import DateInput, Form
from kerekasztal.core.records.activity import model_choices


class ActivityFilterForm(Form):
    model = forms.ChoiceField(label=_("Adatfajta"), required=False)
    user = forms.CharField(label=_("Felhasználó (név vagy e-mail)"), required=False,
                           max_length=200)
    date_from = forms.DateField(label=_("Ettől a naptól"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Eddig a napig"), required=False, widget=DateInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["model"].choices = [("", _("Mind"))] + model_choices()

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("A záró nap nem lehet korábbi a kezdő napnál."))
        return data
