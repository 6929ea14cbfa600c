from django.shortcuts import render


def guide(request):
    """Hvad skal du bruge? The free-text guide; until the catalogue lands it routes to KES."""
    query = (request.GET.get("q") or "").strip()[:200]
    return render(request, "intake/guide.html", {"query": query})
