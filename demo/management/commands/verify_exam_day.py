"""After a load run: check that nothing was lost, stored twice or scored wrongly (exit 1 if anything was)."""

from django.core.management.base import BaseCommand, CommandError

from demo import exam_day
from quizzes.models import Quiz


class Command(BaseCommand):
    help = "Verify the database after an exam-day load run; exit status 1 on any lost or duplicated attempt."

    def add_arguments(self, parser):
        parser.add_argument("--client-log", help="the JSON-lines file of acknowledged submits the load users wrote")
        parser.add_argument("--reset", action="store_true", help="before a run: delete the exam contest's attempts")

    def handle(self, client_log, reset, **options):
        quiz = Quiz.objects.filter(title=exam_day.TITLE).first()
        if quiz is None:
            raise CommandError("Chưa có cuộc thi kiểm thử: chạy prepare_exam_day trước.")
        if reset:
            self.stdout.write(f"reset: {exam_day.reset(quiz.pk)} rows of earlier runs deleted")
            return
        verdict = exam_day.verify(quiz.pk, client_log)
        self.stdout.write(
            f"verifier: {verdict.attempts} attempts, {verdict.submitted} submitted, "
            f"{verdict.answers_checked} answers compared with the client, {len(verdict.problems)} problems"
        )
        for problem in verdict.problems[:50]:
            self.stdout.write(f"  - {problem}")
        if not verdict.ok:
            raise CommandError(f"Kiểm tra sau tải: {len(verdict.problems)} lỗi.")
