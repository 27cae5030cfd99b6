"""Render the pages the web server shows when the app does not answer, as plain files in Vietnamese."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.template.loader import render_to_string
from django.utils import translation

PAGES = {"retry.html": "errors/retry.html"}


class Command(BaseCommand):
    help = "Write the error pages nginx serves (502/503/504) into a folder."

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path)

    def handle(self, folder, **options):
        folder.mkdir(parents=True, exist_ok=True)
        with translation.override("vi"):
            for name, template in PAGES.items():
                (folder / name).write_text(render_to_string(template), encoding="utf-8")
        self.stdout.write(f"{len(PAGES)} error page(s) in {folder}")
