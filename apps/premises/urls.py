app_name = "premises"

urlpatterns: list = []
