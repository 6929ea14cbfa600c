"""Case pages: the business's own ("Mine sager"), the departments' work, the staff case
page, letters and files. Each module declares its ``urlpatterns``; ``cases.urls`` joins them."""
