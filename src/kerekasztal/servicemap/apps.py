from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicemapConfig(AppConfig):
    name = "kerekasztal.servicemap"
    label = "servicemap"
    verbose_name = _("Szolgáltatási Út Térkép")
