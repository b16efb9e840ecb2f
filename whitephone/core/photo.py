"""Contact photos: downscaled to at most 200x300 and 1 MB (seed 001), stored as JPEG or PNG."""

from __future__ import annotations

import io

MAX_SIZE = (200, 300)
MAX_BYTES = 1_000_000


class PhotoError(ValueError):
    """The bytes are not an image we can read."""


def fit_photo(data: bytes) -> tuple[bytes, str]:
    """Return (bytes, mime) of `data` scaled to fit 200x300 and under 1 MB."""
    from PIL import Image, UnidentifiedImageError  # Pillow only when a photo arrives (start-up budget)

    try:
        img = Image.open(io.BytesIO(data))
        img.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise PhotoError(f"not a readable image ({exc.__class__.__name__})") from None
    if img.width <= MAX_SIZE[0] and img.height <= MAX_SIZE[1] and len(data) <= MAX_BYTES \
            and img.format in ("JPEG", "PNG"):
        return data, Image.MIME[img.format]
    img.thumbnail(MAX_SIZE)
    out = io.BytesIO()
    if img.mode in ("RGBA", "LA", "P"):
        img.save(out, "PNG", optimize=True)
        mime = "image/png"
    else:
        img.convert("RGB").save(out, "JPEG", quality=85)
        mime = "image/jpeg"
    return out.getvalue(), mime
