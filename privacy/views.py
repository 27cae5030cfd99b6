"""'Dữ liệu cá nhân của tôi': ask for a copy, follow its progress, download it (the person's own only);
ask for a correction of one's cadre record and see the answers."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import storages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from elearn.audit import record
from units import scope

from . import corrections, exporting
from .forms import CorrectionForm
from .models import CorrectionRequest, DataExport, ExportStatus


def _status(export):
    """What the progress box shows, as JSON for static/js/job-progress.js."""
    if export.finished:
        text = _("Đã xong.") if export.status == ExportStatus.FINISHED else _("Không tạo được bản sao; hãy thử lại.")
    else:
        text = _("Đang tạo bản sao: %(done)d/%(total)d mục…") % {"done": export.done, "total": export.total}
    return {"status": export.status, "finished": export.finished, "percent": export.percent, "text": text}


@login_required
def my_data(request):
    exports = scope.restrict(request.user, DataExport.objects.all())[:5]
    latest = exports[0] if exports else None
    context = {"exports": exports, "latest": latest, "keep_days": settings.DATA_EXPORT_KEEP_DAYS}
    return render(request, "privacy/my_data.html", context)


@login_required
@require_POST
def request_copy(request):
    exporting.start(request.user)
    return redirect("privacy:mine")


@login_required
def status(request, pk):
    export = get_object_or_404(scope.restrict(request.user, DataExport.objects.all()), pk=pk)
    return JsonResponse(_status(export), headers={"Cache-Control": "no-store"})


@login_required
def download(request, pk):
    export = get_object_or_404(scope.restrict(request.user, DataExport.objects.all()), pk=pk)
    if not exporting.available(export):
        raise Http404
    record(request.user, exporting.DOWNLOADED, user=request.user, data={"export": export.pk})
    opened = storages[exporting.STORAGE].open(export.file, "rb")
    response = FileResponse(opened, as_attachment=True, filename=f"du-lieu-ca-nhan-{export.created_at:%Y%m%d}.zip")
    response["Cache-Control"] = "no-store"
    return response


@login_required
def my_corrections(request):
    """The person's cadre record, their open request (or the form for a new one) and past answers."""
    cadre = getattr(request.user, "cadre", None)
    pending = corrections.open_request(request.user)
    form = None
    if cadre is not None and pending is None:
        form = CorrectionForm(request.POST or None, cadre=cadre)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            corrections.submit(
                request.user,
                full_name=data["full_name"],
                position=data["position"],
                new_unit=data["new_unit"],
                note=data["note"],
            )
            messages.success(request, _("Đã gửi đề nghị tới quản lý đơn vị của bạn."))
            return redirect("privacy:corrections")
    requests = CorrectionRequest.objects.filter(user=request.user).select_related("new_unit")[:20]
    context = {
        "cadre": cadre,
        "form": form,
        "pending": pending,
        "requests": [(c, corrections.changes(c)) for c in requests],
        "reply_days": settings.CORRECTION_REPLY_WORKING_DAYS,
    }
    return render(
        request, "privacy/my_corrections.html", context, status=400 if form is not None and form.errors else 200
    )
