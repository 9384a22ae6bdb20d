app_name = "servicemap"
urlpatterns: list = []
