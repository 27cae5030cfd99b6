"""Content blocks editors use in articles and lessons."""

import pytest
from django.core.files.base import ContentFile
from wagtail.blocks import StructBlockValidationError
from wagtail.documents.models import Document

from elearn.blocks import VideoBlock

pytestmark = pytest.mark.django_db


def document(name):
    doc = Document(title=name)
    doc.file.save(name, ContentFile(b"data"), save=False)
    doc.save()
    return doc


def test_video_is_a_file_or_an_embed_not_both_nor_neither():
    block = VideoBlock()
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"file": None, "embed": None, "caption": ""}))
    video = document("bai-giang.mp4")
    with pytest.raises(StructBlockValidationError):
        block.clean(block.to_python({"file": video.pk, "embed": "https://www.youtube.com/watch?v=abc", "caption": ""}))
    assert block.clean(block.to_python({"file": video.pk, "embed": None, "caption": ""}))["file"] == video


def test_only_mp4_or_webm_files_play_as_video():
    block = VideoBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"file": document("slide.pdf").pk, "embed": None}))
    assert ".mp4" in str(error.value.block_errors["file"])


def test_uploaded_video_renders_an_accessible_player_with_transcript():
    block = VideoBlock()
    video = document("bai-giang.webm")
    html = block.render(block.to_python({"file": video.pk, "caption": "Bài giảng", "transcript": "Xin chào."}))
    assert "<video" in html and 'type="video/webm"' in html
    assert video.url in html
    assert "Lời thoại" in html and "Xin chào." in html
