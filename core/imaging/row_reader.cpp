// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/imaging/row_reader.h"

#include "core/common/error.h"

#include <algorithm>
#include <cerrno>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

// jpeglib.h needs FILE and size_t declared first.
#include <jpeglib.h>
#include <jerror.h>
#include <png.h>

namespace concord::core {

namespace {

// Both libraries report errors by longjmp. Every function below that calls setjmp keeps only
// trivially destructible locals, so that jumping out of a library call skips no destructor
// (C++ [csetjmp.syn]); the C++ objects live in the reader classes and clean up normally.

struct JpegErrorManager
{
    jpeg_error_mgr pub;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    int damageCode = 0;       ///< the first warning that means made-up pixels, 0 for none
    long damageScanline = -1; ///< output rows handed out when it came, -1 when unknown
};

extern "C" void jpegErrorExit(j_common_ptr cinfo)
{
    auto *err = reinterpret_cast<JpegErrorManager *>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, err->message);
    std::longjmp(err->jump, 1);
}

// Warnings (a truncated file, extraneous bytes) are not errors: the decoder goes on, as every
// viewer does, and the missing rows come out grey. They are not printed; the ones that mean
// the pixels are not all from the file are remembered (RowReader::damage()). Extraneous
// bytes and trailing data are harmless and common in camera files: not damage.
extern "C" void jpegEmitMessage(j_common_ptr cinfo, int level)
{
    if (level != -1)
        return;
    auto *err = reinterpret_cast<JpegErrorManager *>(cinfo->err);
    const int code = cinfo->err->msg_code;
    const bool damage = code == JWRN_JPEG_EOF || code == JWRN_HIT_MARKER || code == JWRN_MUST_RESYNC ||
                        code == JWRN_HUFF_BAD_CODE || code == JWRN_ARITH_BAD_CODE;
    if (!damage || err->damageCode != 0 || !cinfo->is_decompressor)
        return;
    const auto *d = reinterpret_cast<j_decompress_ptr>(cinfo);
    err->damageCode = code;
    // Rows already handed out were decoded in full; a progressive file is read whole before
    // its first row, so there the damage has no row.
    err->damageScanline = d->progressive_mode ? -1 : static_cast<long>(d->output_scanline);
}

enum class JpegStart
{
    Ok,
    Unsupported,
    Failed
};

JpegStart jpegStart(jpeg_decompress_struct *cinfo, JpegErrorManager *err, std::FILE *file, int scale)
{
    if (setjmp(err->jump))
        return JpegStart::Failed;
    jpeg_stdio_src(cinfo, file);
    jpeg_read_header(cinfo, TRUE);
    if (scale > 1) {
        cinfo->scale_num = 1;
        cinfo->scale_denom = static_cast<unsigned>(scale);
    }
    switch (cinfo->jpeg_color_space) {
    case JCS_GRAYSCALE: cinfo->out_color_space = JCS_GRAYSCALE; break;
    case JCS_YCbCr:
    case JCS_RGB: cinfo->out_color_space = JCS_EXT_BGRX; break;
    default: // CMYK and YCCK need colour management the streaming path does not do.
        return JpegStart::Unsupported;
    }
    jpeg_start_decompress(cinfo);
    return JpegStart::Ok;
}

/// Reads up to n rows, counting them in *done (which survives the jump); returns false after
/// a decoder error.
bool jpegReadRows(jpeg_decompress_struct *cinfo, JpegErrorManager *err, JSAMPROW *rows, int n, int *done)
{
    if (setjmp(err->jump))
        return false;
    while (*done < n && cinfo->output_scanline < cinfo->output_height)
        *done += static_cast<int>(jpeg_read_scanlines(cinfo, rows + *done, static_cast<JDIMENSION>(n - *done)));
    return true;
}

class JpegRowReader final : public RowReader
{
public:
    JpegRowReader(std::string path, std::FILE *file)
        : m_file(file)
    {
        m_path = std::move(path);
        m_cinfo.err = jpeg_std_error(&m_err.pub);
        m_err.pub.error_exit = jpegErrorExit;
        m_err.pub.emit_message = jpegEmitMessage;
        jpeg_create_decompress(&m_cinfo);
    }
    ~JpegRowReader() override
    {
        jpeg_destroy_decompress(&m_cinfo);
        std::fclose(m_file);
    }

    /// False when the file is a JPEG this reader does not stream.
    bool start(int scale)
    {
        switch (jpegStart(&m_cinfo, &m_err, m_file, scale)) {
        case JpegStart::Failed: throw Error(ErrorCode::Parse, std::string("corrupt JPEG: ") + m_err.message, m_path);
        case JpegStart::Unsupported: return false;
        case JpegStart::Ok: break;
        }
        m_width = static_cast<int>(m_cinfo.output_width);
        m_height = static_cast<int>(m_cinfo.output_height);
        m_fullHeight = static_cast<int>(m_cinfo.image_height);
        m_pixels = m_cinfo.out_color_space == JCS_GRAYSCALE ? Pixels::Gray8 : Pixels::Bgrx8;
        noteDamage();
        return true;
    }

protected:
    int readRows(std::uint8_t *dst, std::size_t stride, int maxRows) override
    {
        m_rows.resize(static_cast<std::size_t>(maxRows));
        for (int i = 0; i < maxRows; ++i)
            m_rows[static_cast<std::size_t>(i)] = dst + static_cast<std::size_t>(i) * stride;
        m_done = 0;
        if (!jpegReadRows(&m_cinfo, &m_err, m_rows.data(), maxRows, &m_done))
            throw Error(ErrorCode::Parse, std::string("corrupt JPEG: ") + m_err.message, m_path,
                        rowsRead() + m_done + 1);
        noteDamage();
        return m_done;
    }

private:
    void noteDamage()
    {
        if (m_damage || m_err.damageCode == 0)
            return;
        Damage d;
        d.message = m_err.damageCode == JWRN_JPEG_EOF ? "premature end of JPEG data" : "corrupt JPEG data";
        if (m_err.damageScanline >= 0 && m_height > 0)
            // Output rows of a reduced decode back to rows of the full-size image.
            d.row = static_cast<int>(std::min<long>(m_fullHeight, m_err.damageScanline * m_fullHeight / m_height));
        m_damage = std::move(d);
    }

    std::FILE *m_file;
    jpeg_decompress_struct m_cinfo{};
    JpegErrorManager m_err{};
    std::vector<JSAMPROW> m_rows;
    int m_done = 0; ///< rows of the current read() decoded so far
};

struct PngErrorState
{
    char message[256];
};

extern "C" void pngError(png_structp png, png_const_charp message)
{
    auto *state = static_cast<PngErrorState *>(png_get_error_ptr(png));
    std::snprintf(state->message, sizeof state->message, "%s", message);
    png_longjmp(png, 1);
}

extern "C" void pngWarning(png_structp, png_const_charp)
{
}

enum class PngStart
{
    Ok,
    Unsupported,
    Failed
};

PngStart pngStart(png_structp png, png_infop info, std::FILE *file, int *gray)
{
    if (setjmp(png_jmpbuf(png)))
        return PngStart::Failed;
    png_init_io(png, file);
    png_read_info(png, info);
    const int colorType = png_get_color_type(png, info);
    if (png_get_interlace_type(png, info) != PNG_INTERLACE_NONE || (colorType & PNG_COLOR_MASK_ALPHA) ||
        png_get_valid(png, info, PNG_INFO_tRNS))
        return PngStart::Unsupported; // interlaced rows arrive in passes; alpha needs premultiplying
    if (png_get_bit_depth(png, info) == 16)
        png_set_scale_16(png);
    if (colorType == PNG_COLOR_TYPE_PALETTE)
        png_set_palette_to_rgb(png);
    *gray = colorType == PNG_COLOR_TYPE_GRAY;
    if (*gray) {
        png_set_expand_gray_1_2_4_to_8(png);
    } else {
        png_set_bgr(png);
        png_set_filler(png, 0xff, PNG_FILLER_AFTER);
    }
    png_read_update_info(png, info);
    return PngStart::Ok;
}

bool pngReadRows(png_structp png, std::uint8_t *dst, std::size_t stride, int n, int *done)
{
    if (setjmp(png_jmpbuf(png)))
        return false;
    for (; *done < n; ++*done)
        png_read_row(png, dst + static_cast<std::size_t>(*done) * stride, nullptr);
    return true;
}

class PngRowReader final : public RowReader
{
public:
    PngRowReader(std::string path, std::FILE *file)
        : m_file(file)
    {
        m_path = std::move(path);
        m_png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &m_err, pngError, pngWarning);
        if (m_png)
            m_info = png_create_info_struct(m_png);
    }
    ~PngRowReader() override
    {
        if (m_png)
            png_destroy_read_struct(&m_png, m_info ? &m_info : nullptr, nullptr);
        std::fclose(m_file);
    }

    bool start()
    {
        if (!m_png || !m_info)
            throw Error(ErrorCode::Io, "out of memory starting the PNG decoder", m_path);
        int gray = 0;
        switch (pngStart(m_png, m_info, m_file, &gray)) {
        case PngStart::Failed: throw Error(ErrorCode::Parse, std::string("corrupt PNG: ") + m_err.message, m_path);
        case PngStart::Unsupported: return false;
        case PngStart::Ok: break;
        }
        m_width = static_cast<int>(png_get_image_width(m_png, m_info));
        m_height = static_cast<int>(png_get_image_height(m_png, m_info));
        m_pixels = gray ? Pixels::Gray8 : Pixels::Bgrx8;
        return true;
    }

protected:
    int readRows(std::uint8_t *dst, std::size_t stride, int maxRows) override
    {
        m_done = 0;
        if (!pngReadRows(m_png, dst, stride, maxRows, &m_done))
            throw Error(ErrorCode::Parse, std::string("corrupt PNG: ") + m_err.message, m_path,
                        rowsRead() + m_done + 1);
        return m_done;
    }

private:
    std::FILE *m_file;
    png_structp m_png = nullptr;
    png_infop m_info = nullptr;
    PngErrorState m_err{};
    int m_done = 0; ///< rows of the current read() decoded so far
};

} // namespace

std::unique_ptr<RowReader> RowReader::open(const std::string &path, int jpegScale)
{
    if (jpegScale != 1 && jpegScale != 2 && jpegScale != 4 && jpegScale != 8)
        throw Error(ErrorCode::Invalid, "JPEG scale must be 1, 2, 4 or 8", path);
    std::FILE *file = std::fopen(path.c_str(), "rb");
    if (!file)
        throw Error(ErrorCode::Io, std::string("cannot open: ") + std::strerror(errno), path);
    unsigned char magic[8] = {};
    const std::size_t got = std::fread(magic, 1, sizeof magic, file);
    std::rewind(file);
    if (got >= 3 && magic[0] == 0xff && magic[1] == 0xd8 && magic[2] == 0xff) {
        auto reader = std::make_unique<JpegRowReader>(path, file);
        return reader->start(jpegScale) ? std::move(reader) : nullptr;
    }
    if (got == 8 && png_sig_cmp(magic, 0, 8) == 0) {
        auto reader = std::make_unique<PngRowReader>(path, file);
        return reader->start() ? std::move(reader) : nullptr;
    }
    std::fclose(file);
    return nullptr;
}

int RowReader::read(std::uint8_t *dst, std::size_t stride, int maxRows)
{
    const int n = std::min(maxRows, m_height - m_rowsRead);
    if (n <= 0)
        return 0;
    const int got = readRows(dst, stride, n);
    m_rowsRead += got;
    return got;
}

} // namespace concord::core
