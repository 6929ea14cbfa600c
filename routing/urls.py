# routing has no pages of its own: the staff overview at /staff/ counts tasks, so it lives
# in cases (cases.views.overview).
urlpatterns: list = []
