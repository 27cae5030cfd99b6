"""StreamField blocks shared by articles and lessons."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

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


class EmbedVideoBlock(blocks.StructBlock):
    video = EmbedBlock(label=_("Địa chỉ video"), help_text=_("Ví dụ: đường dẫn YouTube."))
    caption = blocks.CharBlock(label=_("Chú thích"), required=False)

    class Meta:
        icon = "media"
        label = _("Video nhúng")
        template = "blocks/embed_video_block.html"


class BaseContentBlock(blocks.StreamBlock):
    """Blocks every content page may use: article bodies and lesson bodies."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(label=_("Đoạn văn"), icon="pilcrow", features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()
    document = DocumentBlock()
    video = EmbedVideoBlock()

    class Meta:
        template = "blocks/stream.html"
