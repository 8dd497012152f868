import struct
import warnings
import zlib

import numpy as np
import pytest
from PIL import Image

import d2lmini as d2l
from d2lmini import images
from helpers import ROOT

IMG = ROOT / 'img'


def saved(tmp_path, img, name, **kwargs):
    path = tmp_path / name
    img.save(path, **kwargs)
    return path


def assert_rgb(img, size):
    assert isinstance(img, Image.Image) and img.mode == 'RGB' and img.size == size


def test_course_photos_are_read_as_rgb_and_shrunk_to_max_side():
    img = d2l.load_image(IMG / 'rainier.jpg')
    assert_rgb(img, (images.MAX_SIDE, 683))
    oak = d2l.load_image(IMG / 'autumn-oak.jpg', max_side=300)  # 1024 x 716
    assert oak.mode == 'RGB' and oak.width == 300 and oak.height in (209, 210)


def test_small_images_keep_their_size(tmp_path):
    path = saved(tmp_path, Image.new('RGB', (40, 30), (10, 20, 30)), 'small.png')
    img = d2l.load_image(path)
    assert_rgb(img, (40, 30))
    assert img.getpixel((0, 0)) == (10, 20, 30)


def test_grayscale_becomes_grey_rgb(tmp_path):
    img = d2l.load_image(saved(tmp_path, Image.new('L', (8, 6), 100), 'grey.png'))
    assert_rgb(img, (8, 6))
    assert img.getpixel((3, 3)) == (100, 100, 100)


def test_rgba_transparent_areas_become_white(tmp_path):
    rgba = Image.new('RGBA', (8, 6), (0, 0, 0, 0))
    rgba.putpixel((1, 1), (255, 0, 0, 255))
    img = d2l.load_image(saved(tmp_path, rgba, 'alpha.png'))
    assert_rgb(img, (8, 6))
    assert img.getpixel((0, 0)) == (255, 255, 255)
    assert img.getpixel((1, 1)) == (255, 0, 0)


def test_palette_with_and_without_transparency(tmp_path):
    palette = Image.new('RGB', (8, 6), (0, 128, 255)).quantize(colors=4)
    assert_rgb(d2l.load_image(saved(tmp_path, palette, 'palette.png')), (8, 6))
    gif = saved(tmp_path, palette, 'palette.gif', transparency=0)
    assert Image.open(gif).mode == 'P'
    assert d2l.load_image(gif).getpixel((0, 0)) == (255, 255, 255)


def test_cmyk_jpeg_becomes_rgb(tmp_path):
    cmyk = Image.new('CMYK', (16, 16), (0, 255, 255, 0))  # pure red in ink
    path = saved(tmp_path, cmyk, 'cmyk.jpg', quality=95)
    assert Image.open(path).mode == 'CMYK'
    red, green, blue = d2l.load_image(path).getpixel((8, 8))
    assert red > 240 and green < 20 and blue < 20


def test_sixteen_bit_grayscale_is_scaled_not_clipped(tmp_path):
    ramp = np.linspace(0, 65535, 64, dtype=np.uint16).reshape(8, 8)
    path = saved(tmp_path, Image.fromarray(ramp), 'deep.png')
    assert Image.open(path).mode in ('I;16', 'I')
    pixels = np.asarray(d2l.load_image(path))
    assert pixels.shape == (8, 8, 3)
    assert pixels[0, 0, 0] == 0 and pixels[-1, -1, 0] == 255
    assert 120 <= pixels[4, 0, 0] <= 135  # mid-grey stays mid-grey (PIL alone gives 255)


def test_large_jpeg_is_decoded_at_reduced_scale(tmp_path, monkeypatch):
    big = Image.fromarray(np.random.default_rng(0).integers(0, 256, (3000, 4000, 3), np.uint8))
    path = saved(tmp_path, big, 'big.jpg')
    decoded = []
    original_load = Image.Image.load

    def spy(self):
        decoded.append(self.size)
        return original_load(self)

    monkeypatch.setattr(Image.Image, 'load', spy)
    img = d2l.load_image(path, max_side=400)
    assert_rgb(img, (400, 300))
    assert decoded and max(w * h for w, h in decoded) <= 1000 * 750  # never all 12 megapixels


def test_exif_orientation_is_applied(tmp_path):
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways: rotate 90 degrees to show
    path = saved(tmp_path, Image.new('RGB', (40, 20)), 'phone.jpg', exif=exif)
    assert_rgb(d2l.load_image(path), (20, 40))


def test_uploaded_bytes_are_read_and_named_in_errors(tmp_path):
    data = saved(tmp_path, Image.new('L', (5, 4)), 'up.png').read_bytes()
    assert_rgb(d2l.load_image(data, name='up.png'), (5, 4))
    with pytest.raises(ValueError, match="'notlar.txt'"):
        d2l.load_image(b'just some text', name='notlar.txt')


def test_missing_file_gives_a_turkish_error_naming_it(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"bulunamadı: '.*yok\.jpg'"):
        d2l.load_image(tmp_path / 'yok.jpg')


def test_folder_is_not_an_image(tmp_path):
    with pytest.raises(ValueError, match='bir dosya değil'):
        d2l.load_image(tmp_path)


def test_text_file_gives_a_turkish_error_naming_it(tmp_path):
    path = tmp_path / 'odev.jpg'
    path.write_text('bu bir imge değil')
    with pytest.raises(ValueError, match=r"'.*odev\.jpg' bir imge olarak okunamadı"):
        d2l.load_image(path)


def test_truncated_image_gives_a_turkish_error(tmp_path):
    whole = saved(tmp_path, Image.new('RGB', (64, 64), 'red'), 'whole.png').read_bytes()
    path = tmp_path / 'yarim.png'
    path.write_bytes(whole[:len(whole) // 2])
    with pytest.raises(ValueError, match='okunamadı'):
        d2l.load_image(path)


def test_decompression_bombs_are_refused_clearly_and_warnings_stay_quiet(tmp_path, monkeypatch):
    path = saved(tmp_path, Image.new('RGB', (100, 100)), 'huge.png')
    monkeypatch.setattr(Image, 'MAX_IMAGE_PIXELS', 6000)  # 10000 px: warning zone
    with warnings.catch_warnings():
        warnings.simplefilter('error')
        assert_rgb(d2l.load_image(path), (100, 100))
    monkeypatch.setattr(Image, 'MAX_IMAGE_PIXELS', 2000)  # over twice the limit
    with pytest.raises(ValueError, match="'.*huge.png' belleğe sığmayacak kadar büyük"):
        d2l.load_image(path)


def test_the_input_file_is_left_untouched(tmp_path):
    path = saved(tmp_path, Image.new('RGBA', (2000, 1000), (1, 2, 3, 4)), 'orig.png')
    before = path.read_bytes()
    d2l.load_image(path, max_side=100)
    assert path.read_bytes() == before


@pytest.mark.parametrize('values, expected', [
    ([0.0, 0.5, 1.0], [0, 128, 255]),  # the usual 0-1 floats
    ([0.0, 100.0, 255.0], [0, 100, 255]),  # already 0-255
    ([-1.0, 0.0, 3.0], [0, 64, 255]),  # any other range: stretched
    ([float('nan'), 0.25, 1.0], [0, 64, 255]),  # NaN: black
])
def test_float_tiff_is_scaled_not_black(tmp_path, values, expected):
    path = saved(tmp_path, Image.fromarray(np.array([values], np.float32)), 'float.tif')
    assert Image.open(path).mode == 'F'
    img = d2l.load_image(path)
    assert_rgb(img, (3, 1))
    assert [img.getpixel((x, 0)) for x in range(3)] == [(v, v, v) for v in expected]


@pytest.mark.parametrize('bad', [0, -5, 2.5, None])
def test_bad_max_side_is_named(tmp_path, bad):
    path = saved(tmp_path, Image.new('RGB', (8, 6)), 'small.png')
    with pytest.raises(ValueError, match='max_side') as err:
        d2l.load_image(path, max_side=bad)
    assert 'max_side=1024' in str(err.value)
    assert_rgb(d2l.load_image(path, max_side=np.int64(4)), (4, 3))


def png_header(path, width, height):
    """A PNG whose header says width x height but which holds no pixels: decoding it fails."""
    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data
                + struct.pack('>I', zlib.crc32(kind + data)))
    ihdr = struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    path.write_bytes(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', ihdr) + chunk(b'IDAT', b'')
                     + chunk(b'IEND', b''))
    return path


def no_decoding(monkeypatch):
    decoded = []
    monkeypatch.setattr(Image.Image, 'load', lambda self: decoded.append(self.size))
    return decoded


def test_a_156_megapixel_png_is_refused_before_it_is_decoded(tmp_path, monkeypatch):
    path = png_header(tmp_path / 'dev.png', 13000, 12000)  # under Pillow's bomb limit
    decoded = no_decoding(monkeypatch)
    with pytest.raises(ValueError, match="'.*dev.png' belleğe sığmayacak kadar büyük") as err:
        d2l.load_image(path)
    assert decoded == [] and '40 megapixels' in str(err.value)


def test_a_png_of_max_pixels_is_decoded(tmp_path):
    width = 8000
    path = png_header(tmp_path / 'sinirda.png', width, images.MAX_PIXELS // width)
    with pytest.raises(ValueError, match='okunamadı'):  # not 'too large': its decoding failed
        d2l.load_image(path)


def test_only_what_fits_under_max_pixels_is_decoded(tmp_path, monkeypatch):
    monkeypatch.setattr(images, 'MAX_PIXELS', 40_000)
    big = Image.fromarray(np.random.default_rng(0).integers(0, 256, (600, 800, 3), np.uint8))
    jpeg, png = saved(tmp_path, big, 'big.jpg'), saved(tmp_path, big, 'big.png')
    assert_rgb(d2l.load_image(jpeg, max_side=100), (100, 75))  # decoded at 1/4: 30000 px
    decoded = no_decoding(monkeypatch)
    with pytest.raises(ValueError, match='too large'):
        d2l.load_image(png, max_side=100)  # PNGs decode whole: 480000 pixels
    assert decoded == []
