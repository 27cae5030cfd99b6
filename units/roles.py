"""The five roles as Django groups, with their permissions kept in code.

`sync_roles` runs after every migrate, so a permission added by a later migration reaches
its role without anyone clicking through the admin.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

LEARNER = "Học viên"
EDITOR = "Biên tập viên"
MODERATOR = "Kiểm duyệt viên"
MANAGER = "Quản lý đơn vị"
ORGANISER = "Ban tổ chức"
ADMINISTRATOR = "Quản trị"

ROLE_DESCRIPTIONS = {
    LEARNER: _("Học các khóa học, làm bài kiểm tra, xem tiến độ và chứng nhận của mình."),
    EDITOR: _("Soạn khóa học, bài học, tin bài; gửi duyệt trước khi xuất bản."),
    MODERATOR: _("Duyệt nội dung biên tập viên gửi: phê duyệt để xuất bản hoặc yêu cầu chỉnh sửa."),
    MANAGER: _("Xem tiến độ học tập của đơn vị mình quản lý và các đơn vị cấp dưới."),
    ORGANISER: _("Soạn bài kiểm tra, cuộc thi và xem, xuất kết quả, bảng xếp hạng của mọi đơn vị."),
    ADMINISTRATOR: _("Quản lý đơn vị, tài khoản, vai trò, nhập dữ liệu; duyệt và xuất bản nội dung."),
}

# What everyone who writes content needs: the admin, and the image and document libraries.
MEDIA_LIBRARY_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
]
QUESTION_BANK_PERMISSIONS = [
    f"quizzes.{action}_{model}"
    for model in ("questioncategory", "question", "quiz")
    for action in ("add", "change", "delete", "view")
] + ["quizzes.view_attempt", "h5p.view_h5pactivity", "h5p.change_h5pactivity"]
# Certificate designs (certificates.CertificateTemplate) are content: those who write courses and contests make them.
CERTIFICATE_TEMPLATE_PERMISSIONS = [
    f"certificates.{action}_certificatetemplate" for action in ("add", "change", "delete", "view")
]
# The laws courses cite (courses.LawReference), with the date each was replaced: content staff keep them.
LAW_REFERENCE_PERMISSIONS = [f"courses.{action}_lawreference" for action in ("add", "change", "delete", "view")]
CONTENT_WRITER_PERMISSIONS = [
    "wagtailadmin.access_admin",
    *MEDIA_LIBRARY_PERMISSIONS,
    *QUESTION_BANK_PERMISSIONS,
    *CERTIFICATE_TEMPLATE_PERMISSIONS,
    *LAW_REFERENCE_PERMISSIONS,
]

# Answering the correction requests of one's scope (privacy.corrections); nobody adds or deletes them by hand.
# The emulation review's definitions (the figures and freezing are report pages, not model permissions).
EMULATION_PERMISSIONS = [
    f"reports.{action}_{model}"
    for model in ("emulationperiod", "emulationscheme")
    for action in ("add", "change", "delete", "view")
]
CORRECTION_PERMISSIONS = ["privacy.view_correctionrequest", "privacy.change_correctionrequest"]

# Model permissions per role, as "app_label.codename" or "app_label.*" for every permission of an app.
MODEL_PERMISSIONS = {
    LEARNER: [],
    EDITOR: CONTENT_WRITER_PERMISSIONS,
    MODERATOR: CONTENT_WRITER_PERMISSIONS,
    ORGANISER: [*CONTENT_WRITER_PERMISSIONS, "units.view_all_results"],
    MANAGER: [
        "wagtailadmin.access_admin",
        "units.view_unit",
        "units.view_cadre",
        *CORRECTION_PERMISSIONS,
        "certificates.view_certificate",
    ],
    ADMINISTRATOR: [
        "wagtailadmin.access_admin",
        "units.*",
        "courses.*",
        "quizzes.*",
        "h5p.*",
        "auth.add_user",
        "auth.change_user",
        "auth.delete_user",
        "auth.view_user",
        "auth.view_group",
        "wagtailcore.add_site",
        "wagtailcore.change_site",
        "wagtailcore.view_site",
        "wagtailcore.add_collection",
        "wagtailcore.change_collection",
        "wagtailcore.view_collection",
        "wagtailcore.add_workflow",
        "wagtailcore.change_workflow",
        "wagtailcore.add_task",
        "wagtailcore.change_task",
        "wagtailcore.view_logentry",
        "wagtailimages.*",
        "wagtaildocs.*",
        "wagtailredirects.*",
        *CORRECTION_PERMISSIONS,
        *CERTIFICATE_TEMPLATE_PERMISSIONS,
        "certificates.view_certificate",  # revoking is the administrators' own view; nobody edits a certificate
        *EMULATION_PERMISSIONS,
    ],
}

# Page permissions granted on the tree's root, so they hold for every page.
PAGE_PERMISSIONS = {
    EDITOR: ["add_page", "change_page", "lock_page", "view_page"],
    ORGANISER: ["add_page", "change_page", "lock_page", "view_page"],
    MODERATOR: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page", "view_page"],
    ADMINISTRATOR: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "bulk_delete_page",
        "view_page",
    ],
}

# Image and document permissions on the root collection.
CONTENT_WRITER_COLLECTION_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
]
COLLECTION_PERMISSIONS = {
    EDITOR: CONTENT_WRITER_COLLECTION_PERMISSIONS,
    ORGANISER: CONTENT_WRITER_COLLECTION_PERMISSIONS,
    MODERATOR: CONTENT_WRITER_COLLECTION_PERMISSIONS,
    ADMINISTRATOR: MEDIA_LIBRARY_PERMISSIONS,
}


def _permissions(specs):
    query = Q(pk__in=[])
    for spec in specs:
        app_label, codename = spec.split(".", 1)
        if codename == "*":
            query |= Q(content_type__app_label=app_label)
        else:
            query |= Q(content_type__app_label=app_label, codename=codename)
    return Permission.objects.filter(query)


def sync_roles(using="default", **kwargs):
    """Create the role groups and give each exactly the permissions declared here."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

    # post_migrate reaches this app before later apps have their permissions: make them now.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)

    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    for name, specs in MODEL_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(specs))
        if root_page is not None:
            wanted = set(
                Permission.objects.filter(
                    content_type__app_label="wagtailcore", codename__in=PAGE_PERMISSIONS.get(name, [])
                )
            )
            GroupPagePermission.objects.filter(group=group, page=root_page).exclude(permission__in=wanted).delete()
            for permission in wanted:
                GroupPagePermission.objects.get_or_create(group=group, page=root_page, permission=permission)
        if root_collection is not None:
            wanted = set(_permissions(COLLECTION_PERMISSIONS.get(name, [])))
            GroupCollectionPermission.objects.filter(group=group, collection=root_collection).exclude(
                permission__in=wanted
            ).delete()
            for permission in wanted:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission
                )
