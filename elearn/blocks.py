"""StreamField blocks shared by articles and lessons."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

VIDEO_EXTENSIONS = ("mp4", "webm")
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Tiêu đề"))
    level = blocks.ChoiceBlock(
        label=_("Cấp"), choices=[("h2", _("Tiêu đề cấp 2")), ("h3", _("Tiêu đề cấp 3"))], default="h2"
    )

    class Meta:
        icon = "title"
        label = _("Tiêu đề mục")
        template = "blocks/heading_block.html"
        preview_value = {"text": "An toàn thông tin khi làm việc từ xa", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Ảnh"))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False)
    alt_text = blocks.CharBlock(
        label=_("Mô tả ảnh cho người khiếm thị"), required=False, help_text=_("Để trống nếu ảnh chỉ để trang trí.")
    )

    class Meta:
        icon = "image"
        label = _("Ảnh")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Trích dẫn"))
    source = blocks.CharBlock(label=_("Nguồn"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Trích dẫn")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Không bấm vào đường link lạ, không cung cấp mã OTP cho bất kỳ ai.",
            "source": "Khuyến cáo an toàn thông tin",
        }


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Loại"),
        choices=[("tip", _("Mẹo")), ("note", _("Lưu ý")), ("warning", _("Cảnh báo"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("Tiêu đề"), required=False)
    text = blocks.RichTextBlock(label=_("Nội dung"), features=["bold", "italic", "ul", "ol", "link"])

    class Meta:
        icon = "warning"
        label = _("Hộp lưu ý")
        template = "blocks/callout_block.html"
        preview_value = {"kind": "warning", "title": "Cảnh báo", "text": "<p>Không dùng chung mật khẩu.</p>"}


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Tài liệu"))
    title = blocks.CharBlock(label=_("Tên hiển thị"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Tài liệu")
        template = "blocks/document_block.html"


class VideoBlock(blocks.StructBlock):
    """A video: an uploaded file (mp4/webm from the document library) or an embed (e.g. YouTube)."""

    file = DocumentChooserBlock(
        label=_("Tệp video tải lên"), required=False, help_text=_("Tệp .mp4 hoặc .webm trong thư viện tài liệu.")
    )
    embed = EmbedBlock(label=_("Hoặc địa chỉ video nhúng"), required=False, help_text=_("Ví dụ: đường dẫn YouTube."))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False)
    transcript = blocks.TextBlock(
        label=_("Lời thoại"), required=False, help_text=_("Nội dung lời thoại cho người không nghe được.")
    )

    class Meta:
        icon = "media"
        label = _("Video")
        template = "blocks/video_block.html"

    def clean(self, value):
        value = super().clean(value)
        has_file, has_embed = bool(value.get("file")), bool(value.get("embed"))
        if has_file == has_embed:
            raise StructBlockValidationError(
                block_errors={"file": ValidationError(_("Chọn một tệp video hoặc nhập một địa chỉ nhúng (chỉ một)."))}
            )
        if has_file and value["file"].file_extension.lower() not in VIDEO_EXTENSIONS:
            raise StructBlockValidationError(
                block_errors={"file": ValidationError(_("Tệp video phải có đuôi .mp4 hoặc .webm."))}
            )
        return value


class BaseContentBlock(blocks.StreamBlock):
    """Blocks every content page may use: article bodies and lesson bodies."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Đoạn văn"), icon="pilcrow", features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
    video = VideoBlock()

    class Meta:
        template = "blocks/stream.html"
