from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kerekasztal.core import access
from kerekasztal.core.forms import ConfirmForm, ModelForm
from kerekasztal.core.pages import render_workspace

from .models import ApiToken


class TokenForm(ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        labels = {"name": gettext_lazy("A kulcs megnevezése")}


def token_list(request, forum):
    forum = access.forum_for(request.user, forum, "api.tokens")
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        _record, new_token = ApiToken.issue(user=request.user, name=form.cleaned_data["name"])
        form = TokenForm()
    return render_workspace(request, forum, "api/token_list.html", {
        "form": form, "new_token": new_token, "confirm_form": ConfirmForm(),
        "tokens": ApiToken.objects.filter(user=request.user),
    })


@require_POST
def token_revoke(request, forum, pk):
    forum = access.forum_for(request.user, forum, "api.tokens")
    token = access.api_token_for(request.user, pk)
    token.revoke()
    messages.success(request, _("Az API-kulcsot visszavontuk; többé nem használható."))
    return redirect("api:token_list", forum=forum.slug)
