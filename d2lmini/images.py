"""Read whatever image file a student brings as a modest-size RGB PIL image."""
import io
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import bilingual

MAX_SIDE = 1024
_SIXTEEN_BIT = {'I;16', 'I;16B', 'I;16L', 'I;16N'}


def _to_rgb(img):
    """Convert any PIL mode to 8-bit RGB; transparent areas become white."""
    if img.mode in _SIXTEEN_BIT or img.mode == 'I':
        pixels = np.asarray(img, dtype=np.float64)
        if img.mode in _SIXTEEN_BIT or pixels.max() > 255:
            pixels = pixels / 257
        img = Image.fromarray(pixels.clip(0, 255).round().astype(np.uint8))
    if img.mode in ('RGBA', 'LA', 'PA') or 'transparency' in img.info:
        img = img.convert('RGBA')
        white = Image.new('RGBA', img.size, 'white')
        img = Image.alpha_composite(white, img)
    return img.convert('RGB')


def load_image(source, max_side=MAX_SIDE, name=None):
    """Return ``source`` as an RGB PIL image whose longer side is at most ``max_side``.

    ``source`` is a path, or the raw bytes of an uploaded file (``name`` then
    labels it in error messages). Grayscale, RGBA, palette, CMYK and 16-bit
    images become 8-bit RGB (transparent areas white) and phone photos are
    turned upright from their EXIF orientation. JPEGs are decoded directly at
    a reduced scale (up to 1/8), so a large photo never fills the memory;
    images so large that Pillow refuses them as a decompression bomb, missing
    paths and files that are not images raise an error, in Turkish and
    English, that names the file.
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        name, source = name or 'yüklenen dosya', io.BytesIO(bytes(source))
    else:
        name = name or str(source)
        if not Path(source).exists():
            raise FileNotFoundError(bilingual(
                f"İmge dosyası bulunamadı: '{name}'. Yolu ve dosya adını denetleyin.",
                f"Image file not found: '{name}'. Check the path and the file name."))
        if not Path(source).is_file():
            raise ValueError(bilingual(
                f"'{name}' bir dosya değil (klasör mü?). Bir imge dosyasının yolunu verin.",
                f"'{name}' is not a file (a folder?). Give the path of an image file."))
    try:
        with warnings.catch_warnings():  # large images are handled below
            warnings.simplefilter('ignore', Image.DecompressionBombWarning)
            with Image.open(source) as img:
                img.draft('RGB', (max_side, max_side))  # JPEG: decode small
                img = ImageOps.exif_transpose(img)
                img = _to_rgb(img)
    except Image.DecompressionBombError as err:
        raise ValueError(bilingual(
            f"'{name}' belleğe sığmayacak kadar büyük. Önce bir resim programıyla küçültün.",
            f"'{name}' is too large to fit in memory. Shrink it first with an image editor."
        )) from err
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as err:
        raise ValueError(bilingual(
            f"'{name}' bir imge olarak okunamadı (bozuk ya da imge olmayan bir dosya). "
            'JPEG ya da PNG deneyin.',
            f"'{name}' is not a readable image (a corrupt file, or not an image). "
            'Try a JPEG or PNG.')) from err
    img.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return img
