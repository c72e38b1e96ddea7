// SPDX-License-Identifier: GPL-3.0-or-later
// Folder import: formats, corrupt and hostile files, idempotence, cancel; attribute CSV import.
#include "core/common/error.h"
#include "core/common/hash.h"
#include "core/common/text.h"
#include "core/imaging/image_header.h"
#include "core/imaging/image_import.h"
#include "core/project/attribute_import.h"
#include "core/project/project_ops.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <fstream>

using namespace concord::core;
namespace fs = std::filesystem;

namespace {

cv::Mat pattern(int w, int h, int seed)
{
    cv::Mat img(h, w, CV_8UC3);
    cv::randu(img, cv::Scalar::all(seed % 50), cv::Scalar::all(200 + seed % 50));
    cv::circle(img, {w / 2, h / 2}, std::min(w, h) / 4, cv::Scalar(255, 0, 0), -1);
    return img;
}

void writeBytes(const fs::path &p, const std::string &bytes)
{
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string readBytes(const fs::path &p)
{
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

} // namespace

class TestImageImport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    fs::path root() const { return fs::path(m_tmp.path().toStdString()); }

private slots:
    void headerSizesMatchDecoder_data()
    {
        QTest::addColumn<QString>("ext");
        for (const char *e : {".jpg", ".png", ".bmp", ".tif", ".webp"})
            QTest::newRow(e) << QString::fromLatin1(e);
    }
    void headerSizesMatchDecoder()
    {
        QFETCH(QString, ext);
        const fs::path p = root() / ("size" + ext.toStdString());
        QVERIFY(cv::imwrite(p.string(), pattern(333, 211, 1)));
        const auto h = readHeaderSize(readBytes(p));
        QVERIFY(h.has_value());
        const cv::Mat decoded = cv::imread(p.string());
        QCOMPARE(h->width, decoded.cols);
        QCOMPARE(h->height, decoded.rows);
    }

    /// Crashers found by fuzz_header, kept: each must be read without undefined behaviour
    /// (the suite runs under UBSan) and give the size its header states, or none.
    void fuzzedHeaders_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height"); // 0: no size
        // BMP with height INT32_MIN (a top-down image of 2^31 rows): negating it overflowed.
        QTest::newRow("bmp height INT32_MIN")
            << QByteArray::fromBase64("Qk1GOHkAAGz7/yhhAAAAKQEAYZAAGgAAAIA=") << 0 << 0;
        // The same with height −200: top-down, 200 rows; the width is what bytes 18–21 say.
        QByteArray topDown = QByteArray::fromBase64("Qk1GOHkAAGz7/yhhAAAAKQEAYZAAGgAAAIA=");
        const std::int32_t minus200 = -200;
        std::memcpy(topDown.data() + 22, &minus200, 4);
        QTest::newRow("bmp height -200") << topDown << int(qFromLittleEndian<quint32>(topDown.constData() + 18)) << 200;
    }
    void fuzzedHeaders()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, width);
        QFETCH(int, height);
        const auto h = readHeaderSize(std::string_view(bytes.constData(), std::size_t(bytes.size())));
        if (height == 0) {
            QVERIFY(!h.has_value());
            return;
        }
        QVERIFY(h.has_value());
        QCOMPARE(h->width, width);
        QCOMPARE(h->height, height);
    }

    void importsFolderAndListsBadFiles()
    {
        const fs::path dir = root() / "proj1" / "images";
        fs::create_directories(dir / "sub");
        QVERIFY(cv::imwrite((dir / "a.jpg").string(), pattern(640, 480, 1)));
        QVERIFY(cv::imwrite((dir / "sub" / "b.png").string(), pattern(300, 200, 2)));
        QVERIFY(cv::imwrite((dir / "sub" / "c.JPEG").string(), pattern(2000, 1000, 3)));
        // Corrupt: a real JPEG cut to its first 300 bytes (header intact, data missing).
        std::vector<unsigned char> jpg;
        cv::imencode(".jpg", pattern(640, 480, 4), jpg);
        writeBytes(dir / "truncated.jpg", std::string(jpg.begin(), jpg.begin() + 300));
        writeBytes(dir / "empty.jpg", "");
        writeBytes(dir / "notes.jpg", "this is not an image\n");
        writeBytes(dir / "readme.txt", "ignored: not an image extension\n");
        // Decompression bomb: a valid PNG signature and IHDR declaring 100000 x 100000.
        std::string bomb("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\x01\x86\xa0\0\x01\x86\xa0\x08\x02\0\0\0", 29);
        writeBytes(dir / "bomb.png", bomb);

        auto store = initProject(root() / "proj1" / "p.concord", {"p", 25.0, 1, false}, {"ok"});
        const auto r = importImageFolder(*store, dir);
        QCOMPARE(r.added, std::int64_t(3));
        QCOMPARE(r.failed.size(), std::size_t(4));
        QMap<QString, QString> reasons;
        for (const auto &f : r.failed)
            reasons[QString::fromStdString(f.path)] = QString::fromStdString(f.reason);
        QVERIFY2(reasons.value(QStringLiteral("images/truncated.jpg")).contains(QStringLiteral("truncated JPEG")),
                 qPrintable(reasons.value(QStringLiteral("images/truncated.jpg"))));
        QVERIFY(reasons.value(QStringLiteral("images/empty.jpg")).contains(QStringLiteral("empty")));
        QVERIFY(reasons.value(QStringLiteral("images/notes.jpg")).contains(QStringLiteral("not a supported image")));
        QVERIFY(reasons.value(QStringLiteral("images/bomb.png")).contains(QStringLiteral("100000")));

        const auto c = store->imageByPath("images/sub/c.JPEG");
        QVERIFY(c.has_value());
        QCOMPARE(c->width, 2000);
        QCOMPARE(c->height, 1000);
        QCOMPARE(c->pxPerMm, 25.0); // the project default
        QCOMPARE(c->hash, fileContentHash((dir / "sub" / "c.JPEG").string()));
        QCOMPARE(c->bytes, static_cast<std::int64_t>(fs::file_size(dir / "sub" / "c.JPEG")));
        // The thumbnail is cached under the content hash and fits 256 px.
        const auto thumb = store->thumbnail(c->hash, kThumbnailSize);
        QVERIFY(thumb.has_value());
        const cv::Mat t = cv::imdecode(
            cv::Mat(1, static_cast<int>(thumb->size()), CV_8U, const_cast<char *>(thumb->data())), cv::IMREAD_COLOR);
        QCOMPARE(t.cols, 256);
        QCOMPARE(t.rows, 128);

        // Re-import adds nothing twice; a copy under another name is recognised by content.
        fs::copy_file(dir / "a.jpg", dir / "a_copy.jpg");
        const auto again = importImageFolder(*store, dir);
        QCOMPARE(again.added, std::int64_t(0));
        QCOMPARE(store->imageCount(), std::int64_t(3));
        bool sawCopy = false;
        for (const auto &s : again.skipped)
            if (s.path == "images/a_copy.jpg") {
                sawCopy = true;
                QCOMPARE(s.reason, std::string("same content as images/a.jpg"));
            }
        QVERIFY(sawCopy);
    }

    /// Issue #21: `head -c 5000 img.jpg` imported as a valid image, because libjpeg decodes a
    /// cut file with a warning and grey where the data is missing. Complete files in the
    /// shapes the structure check must walk (progressive scans, restart markers, a trailer after
    /// the end marker) still import.
    void truncatedFilesListedAsFailures()
    {
        const fs::path dir = root() / "proj4" / "images";
        fs::create_directories(dir);
        std::vector<unsigned char> jpg;
        QVERIFY(cv::imencode(".jpg", pattern(640, 480, 5), jpg, {cv::IMWRITE_JPEG_QUALITY, 95}));
        QVERIFY(jpg.size() > 20000);
        const std::string cut(jpg.begin(), jpg.begin() + 5000);
        // The premise: OpenCV returns the cut file as a full 640 × 480 image, no error.
        const cv::Mat grey = cv::imdecode(cv::Mat(1, 5000, CV_8U, const_cast<char *>(cut.data())), cv::IMREAD_COLOR);
        QCOMPARE(grey.cols, 640);
        writeBytes(dir / "cut.jpg", cut);
        // A PNG without its final IEND chunk (the last 12 bytes).
        std::vector<unsigned char> png;
        QVERIFY(cv::imencode(".png", pattern(120, 80, 6), png));
        writeBytes(dir / "cut.png", std::string(png.begin(), png.end() - 12));
        // Complete files the walker must not flag.
        writeBytes(dir / "whole.jpg", std::string(jpg.begin(), jpg.end()) + "camera trailer after FFD9");
        std::vector<unsigned char> prog, rst;
        QVERIFY(cv::imencode(".jpg", pattern(300, 200, 7), prog, {cv::IMWRITE_JPEG_PROGRESSIVE, 1}));
        writeBytes(dir / "progressive.jpg", std::string(prog.begin(), prog.end()));
        QVERIFY(cv::imencode(".jpg", pattern(300, 200, 8), rst, {cv::IMWRITE_JPEG_RST_INTERVAL, 4}));
        writeBytes(dir / "restarts.jpg", std::string(rst.begin(), rst.end()));
        QVERIFY(cv::imwrite((dir / "whole.png").string(), pattern(120, 80, 9)));
        // The fuzz seed: a real NEU-DET photo cut with head -c 5000.
        fs::copy_file(fs::path(CONCORD_TEST_DATA) / "fuzz-seeds" / "truncated" / "crazing_10-first5000.jpg",
                      dir / "neu-cut.jpg");

        auto store = initProject(root() / "proj4" / "p.concord", {"p", 0, 1, false}, {"ok"});
        const auto r = importImageFolder(*store, dir);
        QMap<QString, QString> reasons;
        for (const auto &f : r.failed)
            reasons[QString::fromStdString(f.path)] = QString::fromStdString(f.reason);
        QCOMPARE(reasons.size(), 3);
        QVERIFY(reasons.value(QStringLiteral("images/neu-cut.jpg")).contains(u"truncated JPEG"));
        QVERIFY2(
            reasons.value(QStringLiteral("images/cut.jpg")).contains(u"truncated JPEG: the data ends at byte 5000"),
            qPrintable(reasons.value(QStringLiteral("images/cut.jpg"))));
        QVERIFY2(reasons.value(QStringLiteral("images/cut.png")).contains(u"truncated PNG"),
                 qPrintable(reasons.value(QStringLiteral("images/cut.png"))));
        QCOMPARE(r.added, std::int64_t(4));
        QVERIFY(!store->imageByPath("images/cut.jpg"));
    }

    /// A file name that is not UTF-8 would break every later JSON output: it is listed as
    /// failed under a printable name, and the rest is imported.
    void nonUtf8FileNameListed()
    {
        const fs::path dir = root() / "proj5" / "images";
        fs::create_directories(dir);
        QVERIFY(cv::imwrite((dir / "Jos\xe9.png").string(), pattern(50, 40, 10)));
        QVERIFY(cv::imwrite((dir / "ok.png").string(), pattern(50, 40, 11)));
        auto store = initProject(root() / "proj5" / "p.concord", {"p", 0, 1, false}, {"ok"});
        const auto r = importImageFolder(*store, dir);
        QCOMPARE(r.added, std::int64_t(1));
        QCOMPARE(r.failed.size(), std::size_t(1));
        QCOMPARE(r.failed[0].path, std::string("images/Jos\\xE9.png"));
        QVERIFY(QString::fromStdString(r.failed[0].reason).contains(u"not valid UTF-8"));
        QCOMPARE(store->imageCount(), std::int64_t(1));
        // NaN calibration is refused before anything is read.
        ImageImportOptions nan;
        nan.pxPerMm = std::nan("");
        QVERIFY_THROWS_EXCEPTION(Error, importImageFolder(*store, dir, nan));
    }

    void decoderLimitIsTooLargeNotCorrupt()
    {
        // 1,100,000 × 2 = 2.2 megapixels: far below Concord's limit (400 megapixels) but wider
        // than OpenCV's decoder accepts (CV_IO_MAX_IMAGE_WIDTH = 2^20 = 1,048,576 columns),
        // so cv::imdecode refuses it with a failed assertion. The file is a valid 8-bit BMP
        // (2.2 MB; OpenCV's own codec, as libpng stops at 10^6 columns); it is too large, not
        // corrupt.
        const fs::path dir = root() / "wide" / "images";
        fs::create_directories(dir);
        const int width = 1'100'000;
        QVERIFY(width > (1 << 20));
        QVERIFY(cv::imwrite((dir / "wide.bmp").string(), cv::Mat(2, width, CV_8UC1, cv::Scalar(128))));
        const auto header = readHeaderSize(readBytes(dir / "wide.bmp"));
        QVERIFY(header.has_value());
        QCOMPARE(header->width, width);
        auto store = initProject(root() / "wide" / "p.concord", {"p", 0, 1, false}, {"ok"});
        const auto r = importImageFolder(*store, dir);
        QCOMPARE(r.added, std::int64_t(0));
        QCOMPARE(r.failed.size(), std::size_t(1));
        const QString reason = QString::fromStdString(r.failed.front().reason);
        QVERIFY2(reason.contains(QStringLiteral("too large")), qPrintable(reason));
        QVERIFY2(!reason.contains(QStringLiteral("corrupt")), qPrintable(reason));
        QVERIFY2(reason.contains(QStringLiteral("1100000×2")), qPrintable(reason));
    }

    void cancelLeavesProjectUnchanged()
    {
        const fs::path dir = root() / "proj2" / "images";
        fs::create_directories(dir);
        for (int i = 0; i < 6; ++i)
            QVERIFY(cv::imwrite((dir / ("i" + std::to_string(i) + ".png")).string(), pattern(64, 64, i)));
        auto store = initProject(root() / "proj2" / "p.concord", {"p", 0, 1, false}, {"ok"});
        ImageImportOptions opt;
        opt.threads = 1;
        try {
            importImageFolder(*store, dir, opt,
                              [](std::size_t done, std::size_t, std::string_view) { return done < 3; });
            QFAIL("not cancelled");
        } catch (const Error &e) {
            QCOMPARE(int(e.code()), int(ErrorCode::Cancelled));
        }
        QCOMPARE(store->imageCount(), std::int64_t(0));
    }

    void progressErrorReachesCaller()
    {
        // The progress callback runs on the import's workers. Before parallelFor the pool called
        // it outside any try: an exception from it was std::terminate. Now the caller gets it,
        // on every thread count, and the project is unchanged.
        const fs::path dir = root() / "proj2b" / "images";
        fs::create_directories(dir);
        for (int i = 0; i < 6; ++i)
            QVERIFY(cv::imwrite((dir / ("i" + std::to_string(i) + ".png")).string(), pattern(64, 64, i)));
        auto store = initProject(root() / "proj2b" / "p.concord", {"p", 0, 1, false}, {"ok"});
        for (const unsigned threads : {1U, 3U}) {
            ImageImportOptions opt;
            opt.threads = threads;
            try {
                importImageFolder(*store, dir, opt, [](std::size_t done, std::size_t, std::string_view) -> bool {
                    if (done == 2)
                        throw Error(ErrorCode::Io, "progress sink gone");
                    return true;
                });
                QFAIL("no exception");
            } catch (const Error &e) {
                QCOMPARE(int(e.code()), int(ErrorCode::Io));
            }
            QCOMPARE(store->imageCount(), std::int64_t(0));
        }
    }

    void attributesCsv()
    {
        const fs::path dir = root() / "proj3";
        fs::create_directories(dir / "img");
        auto store = initProject(dir / "p.concord", {"p", 0, 1, false}, {"ok"});
        for (const char *n : {"a.png", "b.png"}) {
            ImageRecord r;
            r.path = std::string("img/") + n;
            r.hash = n;
            r.width = r.height = 10;
            store->addImage(r);
        }
        writeBytes(dir / "meta.csv", "image,camera,length_mm,lot\nimg/a.png,cam-A,1.25,7\nb.png,cam-B,,8\n");
        const auto r = importAttributesCsv(*store, dir / "meta.csv");
        QCOMPARE(r.images, std::int64_t(2));
        QCOMPARE(r.values, std::int64_t(5));
        const auto len = store->attributes("length_mm");
        QCOMPARE(len.size(), std::size_t(1));
        QCOMPARE(std::get<double>(len[0].value), 1.25);
        QCOMPARE(std::get<std::string>(store->attributes("camera")[1].value), std::string("cam-B"));
        QCOMPARE(std::get<double>(store->attributes("lot")[1].value), 8.0);

        // An unknown image names file, line and value, and writes nothing.
        writeBytes(dir / "bad.csv", "image,weight\na.png,1\nmissing.png,2\n");
        try {
            importAttributesCsv(*store, dir / "bad.csv");
            QFAIL("accepted an unknown image");
        } catch (const Error &e) {
            QCOMPARE(e.line(), std::int64_t(3));
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("missing.png")));
            QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("bad.csv:3")));
        }
        QVERIFY(store->attributes("weight").empty());

        // Issue #21: two rows for one image (under two names) would overwrite each other; two
        // columns of one name, a Latin-1 byte, a control character in a name: all refused.
        const auto refused = [&](const std::string &name, const std::string &bytes, std::int64_t line,
                                 const QString &needle) {
            writeBytes(dir / name, bytes);
            try {
                importAttributesCsv(*store, dir / name);
                QFAIL(qPrintable(QString::fromStdString(name) + " was accepted"));
            } catch (const Error &e) {
                QCOMPARE(e.line(), line);
                QVERIFY2(QString::fromUtf8(e.what()).contains(needle), e.what());
            }
        };
        refused("dup-rows.csv", "image,weight\na.png,1\nimg/a.png,2\n", 3,
                QStringLiteral("dup-rows.csv:3: 'image': duplicate row: image img/a.png is also on line 2"));
        refused("dup-cols.csv", "image,weight,weight\na.png,1,2\n", 1, QStringLiteral("duplicate column name"));
        refused("latin.csv", "image,op\xe9rateur\na.png,1\n", 1, QStringLiteral("byte 0xE9 at column 9"));
        refused("tab.csv", "image,\"we\tight\"\na.png,1\n", 1,
                QStringLiteral("attribute name contains the control character U+0009"));
        QVERIFY(store->attributes("weight").empty());
        // Declared Latin-1, the same header imports as "opérateur".
        writeBytes(dir / "latin.csv", "image,op\xe9rateur\na.png,1\n");
        QCOMPARE(importAttributesCsv(*store, dir / "latin.csv", TextEncoding::Latin1).values, std::int64_t(1));
        QCOMPARE(store->attributes("op\xc3\xa9rateur").size(), std::size_t(1));
    }
};

QTEST_GUILESS_MAIN(TestImageImport)
#include "tst_image_import.moc"
