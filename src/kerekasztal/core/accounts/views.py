"""Login in two steps: password (with lock-out), then a one-time code for the roles that
need one (coordinators and operators). The user is logged in only after both steps."""

import time

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from kerekasztal.core import access
from kerekasztal.core.accounts import twofactor
from kerekasztal.core.accounts.forms import (
    EmailAuthenticationForm,
    QuietPasswordResetForm,
    TokenForm,
)
from kerekasztal.core.throttle import TOO_MANY, form_throttled

PENDING = "_pending_login"
PENDING_SECONDS = 10 * 60
RECOVERY = "_recovery_codes"


class TwoStepLoginView(auth_views.LoginView):
    template_name = "core/login.html"
    authentication_form = EmailAuthenticationForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        user = form.get_user()
        if not (access.requires_second_factor(user) or twofactor.has_second_factor(user)):
            return super().form_valid(form)
        self.request.session.cycle_key()
        self.request.session[PENDING] = {
            "user": user.pk, "backend": user.backend, "next": self.get_redirect_url(),
            "since": int(time.time()),
        }
        if twofactor.has_second_factor(user):
            return redirect("core:login_verify")
        return redirect("core:login_enrol")


login = access.public(TwoStepLoginView.as_view())


def _pending_user(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        request.session.pop(PENDING, None)
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


def _finish(request, user, pending, device):
    auth_login(request, user, backend=pending["backend"])
    django_otp.login(request, device)
    request.session.pop(PENDING, None)
    target = pending.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        target = resolve_url(settings.LOGIN_REDIRECT_URL)
    return target


@access.public
@never_cache
@sensitive_post_parameters("token")
def login_verify(request):
    user, pending = _pending_user(request)
    if user is None:
        messages.info(request, _("Kérjük, lépjen be újra."))
        return redirect("core:login")
    if not twofactor.has_second_factor(user):
        return redirect("core:login_enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify(user, form.cleaned_data["token"])
        if device is not None:
            return redirect(_finish(request, user, pending, device))
        form.add_error("token", _("A kód hibás vagy lejárt. Próbálja újra a következő kóddal."))
    return render(request, "core/login_verify.html", {"form": form})


@access.public
@never_cache
@sensitive_post_parameters("token")
def login_enrol(request):
    user, pending = _pending_user(request)
    if user is None:
        messages.info(request, _("Kérjük, lépjen be újra."))
        return redirect("core:login")
    if twofactor.has_second_factor(user):
        return redirect("core:login_verify")
    device = twofactor.enrolment_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.confirm_enrolment(device, form.cleaned_data["token"])
        if codes is not None:
            device.refresh_from_db()
            target = _finish(request, user, pending, device)
            request.session[RECOVERY] = {"codes": codes, "next": target}
            return redirect("core:recovery_codes")
        form.add_error("token", _("A kód hibás. Ellenőrizze a telefon óráját, és írja be "
                                  "az alkalmazás által most mutatott kódot."))
    return render(request, "core/login_enrol.html", {
        "form": form, "qr": twofactor.qr_svg(device),
        "secret": twofactor.secret_for_humans(device),
    })


@never_cache
@login_required
def recovery_codes(request):
    """Shows the new recovery codes once."""
    shown = request.session.pop(RECOVERY, None)
    if not shown:
        return redirect("core:account")
    return render(request, "core/recovery_codes.html", {
        "codes": shown["codes"], "next": shown["next"],
    })


@require_POST
@login_required
def recovery_codes_new(request):
    if not request.user.is_verified():
        raise PermissionDenied
    codes = twofactor.new_recovery_codes(request.user)
    request.session[RECOVERY] = {"codes": codes, "next": resolve_url("core:account")}
    return redirect("core:recovery_codes")


@access.public
def admin_login(request, extra_context=None):
    """The admin has no login of its own: operators log in with the second factor too."""
    from django.contrib.auth.views import redirect_to_login

    return redirect_to_login(request.GET.get("next", "/admin/"), "core:login")


# Account page, logout, password reset and change (Django's views, our templates).

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
    extra_context={"title": gettext_lazy("Jelszó módosítása")},
)
