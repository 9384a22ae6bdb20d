from django.contrib.auth import views as auth_views
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from . import access
from .forms_auth import QuietPasswordResetForm
from .throttle import TOO_MANY, form_throttled


@access.public
def about_data(request):
    return render(request, "core/about_data.html")


@access.public
def privacy(request):
    from .privacy import registration_retention_period

    return render(request, "core/privacy.html",
                  {"registration_retention": registration_retention_period()})


def account(request):
    return render(request, "core/account.html", {"my_forums": access.forums_of(request.user)})


logout = access.public(auth_views.LogoutView.as_view())
class ThrottledPasswordResetView(auth_views.PasswordResetView):
    """Password links to any address, but not without limit (core/throttle.py)."""

    def form_valid(self, form):
        if form_throttled(self.request, group="password_reset",
                          email=form.cleaned_data["email"]):
            form.add_error(None, TOO_MANY)
            return self.form_invalid(form)
        return super().form_valid(form)


password_reset = access.public(ThrottledPasswordResetView.as_view(
    template_name="core/password_reset.html", form_class=QuietPasswordResetForm,
    email_template_name="core/email/password_reset.txt",
    subject_template_name="core/email/password_reset_subject.txt",
    success_url=reverse_lazy("core:password_reset_done"),
))
password_reset_done = access.public(auth_views.PasswordResetDoneView.as_view(
    template_name="core/password_reset_done.html",
))
password_reset_confirm = access.public(auth_views.PasswordResetConfirmView.as_view(
    template_name="core/password_reset_confirm.html",
    success_url=reverse_lazy("core:password_reset_complete"),
))
password_reset_complete = access.public(auth_views.PasswordResetCompleteView.as_view(
    template_name="core/password_reset_complete.html",
))
password_change = auth_views.PasswordChangeView.as_view(
    template_name="core/password_change.html", success_url=reverse_lazy("core:account"),
    extra_context={"title": _("Jelszó módosítása")},
)


@access.public
def error_404(request, exception=None):
    return render(request, "404.html", status=404)


@access.public
def error_403(request, exception=None):
    return render(request, "403.html", status=403)


@access.public
def error_500(request):
    return render(request, "500.html", status=500)
