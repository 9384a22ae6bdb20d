from django.http import HttpResponse


def public_detail(request, forum, pk):
    return HttpResponse()


def registration_cancel(request, forum, token):
    return HttpResponse()
