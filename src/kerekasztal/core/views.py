from django.shortcuts import render

from . import access


@access.public
def about_data(request):
    return render(request, "core/about_data.html")


@access.public
def privacy(request):
    from kerekasztal.core.privacy.services import registration_retention_period

    return render(request, "core/privacy.html",
                  {"registration_retention": registration_retention_period()})


@access.public
def error_404(request, exception=None):
    return render(request, "404.html", status=404)


@access.public
def error_403(request, exception=None):
    return render(request, "403.html", status=403)


@access.public
def error_500(request):
    return render(request, "500.html", status=500)
