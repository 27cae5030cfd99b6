"""What the H5P block gives the player (static/js/h5p-player.js): URLs, saved state, labels.

The player is the npm package h5p-standalone, served as static files under `h5p-standalone/`
(settings.STATICFILES_DIRS). It builds a library's URL as `<librariesPath>/<Machine-major.minor>/…`
and the content's as `<h5pJsonPath>/h5p.json` and `<h5pJsonPath>/content/…`, which h5p.serving answers.
"""

import uuid

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.urls import reverse
from django.utils.translation import gettext as _

from . import tracking

PLAYER_SCRIPT = "h5p-standalone/main.bundle.js"
FRAME_SCRIPT = "h5p-standalone/frame.bundle.js"
FRAME_STYLE = "h5p-standalone/styles/h5p.css"
# H5P saves the learner's state this often (seconds), and 3 s after each completed or progressed step.
SAVE_EVERY_SECONDS = 15
_PLACEHOLDER = uuid.UUID(int=0)


def player_installed():
    """Whether the player's files are there (installed by `make`, or collected into STATIC_ROOT)."""
    if not (finders.find(PLAYER_SCRIPT) or staticfiles_storage.exists(PLAYER_SCRIPT)):
        return False
    try:
        for name in (PLAYER_SCRIPT, FRAME_SCRIPT, FRAME_STYLE):
            staticfiles_storage.url(name)
    except ValueError:  # installed after the last collectstatic: not in the manifest yet
        return False
    return True


def content_base_url(activity):
    """`/h5p/noi-dung/<folder>`: h5p-standalone's h5pJsonPath (it appends `/h5p.json`, `/content/…`)."""
    return reverse("h5p:content_file", args=[activity.folder, "h5p.json"]).removesuffix("/h5p.json")


def libraries_base_url():
    """`/h5p/thu-vien`: h5p-standalone's librariesPath (it appends `/<Machine-major.minor>/…`)."""
    return reverse("h5p:library_file", args=["H5P.X-1.0", "library.json"]).removesuffix("/H5P.X-1.0/library.json")


def state_url_template():
    """The saved-state URL for every activity on the page, with H5P's placeholders.

    H5P keeps one `ajax.contentUserData` for the whole page, so the activity is named by `:contentId`
    (the player's id is the activity's folder).
    """
    url = reverse("h5p:state", args=[_PLACEHOLDER]).replace(str(_PLACEHOLDER), ":contentId")
    return url + "?data_type=:dataType&sub_content_id=:subContentId"


def _user(user):
    cadre = getattr(user, "cadre", None)
    name = (cadre.full_name if cadre is not None else "") or user.get_username()
    # The statement's actor is ignored by the server; this only names the learner inside H5P.
    return {"name": name, "mail": f"hoc-vien-{user.pk}@elearn.invalid"}


def translations():
    """H5P core's own texts that a learner may see, in Vietnamese."""
    return {
        "H5P": {
            "fullscreen": _("Toàn màn hình"),
            "disableFullscreen": _("Thoát toàn màn hình"),
            "close": _("Đóng"),
            "contentChanged": _("Nội dung này đã thay đổi kể từ lần bạn làm trước."),
            "startingOver": _("Bạn sẽ làm lại từ đầu."),
            "confirmDialogHeader": _("Xác nhận"),
            "confirmDialogBody": _("Bạn có chắc muốn tiếp tục? Thao tác này không hoàn tác được."),
            "cancelLabel": _("Hủy"),
            "confirmLabel": _("Đồng ý"),
            "connectionLost": _("Mất kết nối. Kết quả sẽ được gửi khi có kết nối trở lại."),
            "connectionReestablished": _("Đã có kết nối trở lại."),
            "resubmitScores": _("Đang gửi lại kết quả đã lưu."),
            "offlineDialogHeader": _("Mất kết nối tới máy chủ"),
            "offlineDialogBody": _("Chưa gửi được kết quả của bạn. Vui lòng kiểm tra kết nối mạng."),
            "offlineDialogRetryMessage": _("Thử lại sau :num giây…"),
            "offlineDialogRetryButtonLabel": _("Thử lại ngay"),
            "offlineSuccessfulSubmit": _("Đã gửi kết quả thành công."),
        }
    }


def player_config(request, activity, lesson=None):
    """The JSON the block hands to static/js/h5p-player.js for one activity and the logged-in learner."""
    return {
        "id": str(activity.folder),
        "title": activity.title,
        "h5pJsonPath": content_base_url(activity),
        "librariesPath": libraries_base_url(),
        "xAPIObjectIRI": tracking.activity_iri(activity, request),
        "xapiUrl": reverse("h5p:xapi", args=[activity.folder]),
        "stateUrl": state_url_template(),
        "lesson": lesson.pk if lesson is not None else None,
        "user": _user(request.user),
        "contentUserData": tracking.preloaded_state(request.user, activity),
        "saveFreq": getattr(settings, "H5P_SAVE_STATE_SECONDS", SAVE_EVERY_SECONDS),
        "translations": translations(),
    }


def block_state(request, activity, lesson=None):
    """What the block template shows: the player's config for a logged-in learner, and their last attempts."""
    if not request.user.is_authenticated:
        return {"logged_in": False}
    return {
        "logged_in": True,
        "installed": player_installed(),
        "config": player_config(request, activity, lesson),
        "attempts": tracking.learner_attempts(request.user, activity, limit=5),
    }
