"""Read whatever image file a student brings as a modest-size RGB PIL image."""
import io
import warnings
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from .errors import bilingual, int_at_least

MAX_SIDE = 1024
MAX_PIXELS = 40_000_000  # decoded at most (8000 x 5000); JPEGs count after their reduction
_SIXTEEN_BIT = {'I;16', 'I;16B', 'I;16L', 'I;16N'}


def _to_eight_bit(img):
    """A 16-bit, 32-bit integer or float grayscale image as 8-bit grayscale.

    16-bit images, and 32-bit ones with values above 255, are scaled down
    from 0-65535. Float images are scaled up from 0-1 when all values lie
    there, kept when they lie in 0-255, and stretched from their lowest to
    their highest value otherwise; NaN becomes black.
    """
    pixels = np.array(img, dtype=np.float32)
    if img.mode == 'F':
        lo, hi = float(np.nanmin(pixels)), float(np.nanmax(pixels))
        if lo >= 0 and hi <= 1:
            pixels *= 255
        elif lo < 0 or hi > 255:
            pixels -= lo
            pixels *= 255 / max(hi - lo, 1e-12)
    elif img.mode in _SIXTEEN_BIT or pixels.max() > 255:
        pixels /= 257
    pixels = np.nan_to_num(pixels, copy=False).clip(0, 255, out=pixels).round(out=pixels)
    return Image.fromarray(pixels.astype(np.uint8))


def _to_rgb(img):
    """Convert any PIL mode to 8-bit RGB; transparent areas become white."""
    if img.mode in _SIXTEEN_BIT or img.mode in ('I', 'F'):
        img = _to_eight_bit(img)
    if img.mode in ('RGBA', 'LA', 'PA') or 'transparency' in img.info:
        img = img if img.mode == 'RGBA' else img.convert('RGBA')
        img = Image.alpha_composite(Image.new('RGBA', img.size, 'white'), img)
    return img if img.mode == 'RGB' else img.convert('RGB')


def load_image(source, max_side=MAX_SIDE, name=None):
    """Return ``source`` as an RGB PIL image whose longer side is at most ``max_side``.

    ``source`` is a path, an open binary file, or the raw bytes of an uploaded
    file (``name`` then labels it in error messages). Grayscale, RGBA, palette, CMYK, 16-bit and
    float images become 8-bit RGB (transparent areas white) and phone photos
    are turned upright from their EXIF orientation.

    A large image never fills the memory: JPEGs are decoded directly at a
    reduced scale (up to 1/8), and an image that would still decode to more
    than ``MAX_PIXELS`` (40 megapixels, such as a large PNG or TIFF) is
    refused before it is decoded: reading one takes at most about 0.6 GB.
    Images that are too large, missing paths and files that are not images
    raise an error, in Turkish and English, that names the file.
    """
    max_side = int_at_least(max_side, 1, 'max_side', MAX_SIDE)
    if hasattr(source, 'read'):  # an open file
        name, source = name or getattr(source, 'name', 'açık dosya'), source.read()
    if not isinstance(source, (str, Path, bytes, bytearray, memoryview)):
        raise TypeError(bilingual(
            f'load_image bir dosya yolu ya da dosyanın baytlarını bekliyor, '
            f"{type(source).__name__} verildi. Örneğin d2l.load_image('img/rainier.jpg') yazın.",
            f'load_image needs a file path or the bytes of a file, got a '
            f"{type(source).__name__}. Write, for example, d2l.load_image('img/rainier.jpg')."))
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
                if img.width * img.height > MAX_PIXELS:  # refused before decoding
                    raise Image.DecompressionBombError(f'{img.size} decodes too large')
                img.load()
                ImageOps.exif_transpose(img, in_place=True)
                img = _to_rgb(img)
    except Image.DecompressionBombError as err:
        raise ValueError(bilingual(
            f"'{name}' belleğe sığmayacak kadar büyük (en çok {MAX_PIXELS // 10**6} megapiksel "
            'açılır). Önce bir resim programıyla küçültün.',
            f"'{name}' is too large to fit in memory (at most {MAX_PIXELS // 10**6} megapixels "
            'are decoded). Shrink it first with an image editor.')) from err
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as err:
        raise ValueError(bilingual(
            f"'{name}' bir imge olarak okunamadı (bozuk ya da imge olmayan bir dosya). "
            'JPEG ya da PNG deneyin.',
            f"'{name}' is not a readable image (a corrupt file, or not an image). "
            'Try a JPEG or PNG.')) from err
    img.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    return img
