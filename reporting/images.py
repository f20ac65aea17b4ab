"""A clean copy of an uploaded picture, without EXIF, GPS or embedded text.

The original stays sealed as evidence; handlers see this copy by default, so a
photo taken on the reporter's phone does not hand its location or device to
everyone who opens the case.
"""

from __future__ import annotations

import io
import warnings
from typing import IO

from PIL import Image, ImageOps, UnidentifiedImageError

# Formats we re-encode; anything else is kept as a sealed original only.
CLEANABLE = {"JPEG": "JPEG", "PNG": "PNG", "GIF": "PNG", "WEBP": "PNG", "BMP": "PNG", "TIFF": "PNG"}
# 40 megapixels covers any phone camera; past that a file is more likely a bomb than a photo.
MAX_PIXELS = 40_000_000


class UnreadableImage(ValueError):
    """The file says it is a picture but cannot be decoded safely."""


def looks_like_image(head: bytes) -> bool:
    signatures = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"BM", b"II*\x00",
                  b"MM\x00*")
    return head.startswith(signatures) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def sanitise_image(stream: IO[bytes]) -> tuple[bytes, str]:
    """Return (clean bytes, MIME type) of the picture in `stream`, or raise UnreadableImage."""
    try:
        with warnings.catch_warnings():
            # Pillow warns before it refuses; a warning here already means "too big to trust".
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(stream) as image:
                if image.format not in CLEANABLE:
                    raise UnreadableImage(str(image.format))
                if image.width * image.height > MAX_PIXELS:
                    raise UnreadableImage("too many pixels")
                image.load()
                upright = ImageOps.exif_transpose(image)
                out_format = CLEANABLE[image.format]
                mode = "RGB" if out_format == "JPEG" else ("RGBA" if "A" in upright.mode else "RGB")
                # A fresh image from the pixels alone: no info dict, no EXIF, no ICC text chunks.
                clean = Image.new(mode, upright.size)
                clean.paste(upright.convert(mode))
                buffer = io.BytesIO()
                if out_format == "JPEG":
                    clean.save(buffer, format="JPEG", quality=90)
                    return buffer.getvalue(), "image/jpeg"
                clean.save(buffer, format="PNG", optimize=False)
                return buffer.getvalue(), "image/png"
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError,
            Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        if isinstance(exc, UnreadableImage):
            raise
        raise UnreadableImage(type(exc).__name__) from exc
