from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kerekasztal.core.forms import Form


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail-cím"), widget=forms.EmailInput(attrs={"autocomplete": "email",
                                                             "autofocus": True})
    )
    error_messages = {
        "invalid_login": _("Hibás e-mail-cím vagy jelszó. Figyeljen a kis- és nagybetűkre."),
        "inactive": _("Ez a fiók nem aktív."),
    }


class QuietPasswordResetForm(PasswordResetForm):
    """Sends the link when the account exists and says the same either way."""

    email = forms.EmailField(label=_("E-mail-cím"), max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}))

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None):
        """Through the mail queue (core/mail/services.py), like every e-mail of the platform."""
        from kerekasztal.core.mail.services import send_templated

        subject = "".join(render_to_string(subject_template_name, context).splitlines())
        send_templated(to=[to_email], subject=subject, template=email_template_name,
                       context=context, language=translation.get_language() or "hu",
                       about=context.get("user"))


class TokenForm(Form):
    token = forms.CharField(
        label=_("Egyszer használható kód"), max_length=20,
        help_text=_("A hitelesítő alkalmazás hatjegyű kódja, vagy egy helyreállító kód."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text",
                                      "autofocus": True, "spellcheck": "false"}),
    )
