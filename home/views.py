"""Site search across courses, lessons and articles."""

from django.shortcuts import render

from courses.models import CoursePage, LessonPage
from elearn.search import search_pages

from .models import ArticlePage

SEARCHED = [(CoursePage, "courses"), (LessonPage, "lessons"), (ArticlePage, "articles")]
MAX_RESULTS = 20


def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = {}
    if query:
        for model, key in SEARCHED:
            results[key] = list(search_pages(model.objects.live().public(), query)[:MAX_RESULTS])
    total = sum(len(pages) for pages in results.values())
    return render(request, "home/search.html", {"query": query, "results": results, "total": total})
