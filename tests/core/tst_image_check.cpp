// SPDX-License-Identifier: GPL-3.0-or-later
// Issue #15 §2: an image file that is missing, unreadable, not an image, or truncated is told
// apart, and no label may be saved for it (core::mayLabel). A truncated JPEG decodes "fine"
// with a grey bottom; the check names the row where the file's data ends.
#include "core/imaging/image_check.h"

#include "test_printers.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <vector>

using namespace concord::core;

class TestImageCheck : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    std::filesystem::path path(const char *name) const
    {
        return std::filesystem::path(m_dir.path().toStdString()) / name;
    }

    static void writeBytes(const std::filesystem::path &p, const std::vector<uchar> &bytes, std::size_t keep)
    {
        QFile f(QString::fromStdString(p.string()));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(reinterpret_cast<const char *>(bytes.data()), qint64(keep));
    }

    /// 800 × 600 of noise in 0..99: no pixel is near libjpeg's grey fill (128).
    static cv::Mat noise()
    {
        cv::Mat m(600, 800, CV_8UC3);
        cv::RNG rng(15);
        rng.fill(m, cv::RNG::UNIFORM, 0, 100);
        return m;
    }

private slots:
    void mayLabelOnlyWhatWasSeen_data()
    {
        QTest::addColumn<int>("health");
        QTest::addColumn<bool>("may");
        QTest::newRow("unknown") << int(ImageHealth::Unknown) << true;
        QTest::newRow("ok") << int(ImageHealth::Ok) << true;
        QTest::newRow("missing") << int(ImageHealth::Missing) << false;
        QTest::newRow("unreadable") << int(ImageHealth::Unreadable) << false;
        QTest::newRow("undecodable") << int(ImageHealth::Undecodable) << false;
        QTest::newRow("damaged") << int(ImageHealth::Damaged) << false;
    }
    void mayLabelOnlyWhatWasSeen()
    {
        QFETCH(int, health);
        QFETCH(bool, may);
        QCOMPARE(mayLabel(static_cast<ImageHealth>(health)), may);
    }

    void missingAndUnreadable()
    {
        const auto gone = path("gone.jpg");
        ImageCheck c = checkImageAccess(gone);
        QCOMPARE_ENUM(c.health, ImageHealth::Missing);
        QVERIFY(QString::fromStdString(c.reason).contains(QStringLiteral("missing")));
        QVERIFY(QString::fromStdString(c.reason).contains(QString::fromStdString(gone.string())));
        QCOMPARE_ENUM(checkImageFile(gone).health, ImageHealth::Missing);

        std::filesystem::create_directory(path("folder.jpg"));
        QCOMPARE_ENUM(checkImageFile(path("folder.jpg")).health, ImageHealth::Unreadable);
    }

    void notAnImage()
    {
        writeBytes(path("empty.jpg"), {}, 0);
        ImageCheck c = checkImageFile(path("empty.jpg"));
        QCOMPARE_ENUM(c.health, ImageHealth::Undecodable);
        QVERIFY(QString::fromStdString(c.reason).contains(QStringLiteral("empty file")));
        const std::vector<uchar> text{'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd'};
        writeBytes(path("text.png"), text, text.size());
        QCOMPARE_ENUM(checkImageFile(path("text.png")).health, ImageHealth::Undecodable);
    }

    void wholeJpegAndPngAreOk()
    {
        std::vector<uchar> jpg, png;
        cv::imencode(".jpg", noise(), jpg, {cv::IMWRITE_JPEG_QUALITY, 90});
        cv::imencode(".png", noise(), png);
        writeBytes(path("whole.jpg"), jpg, jpg.size());
        writeBytes(path("whole.png"), png, png.size());
        for (const char *name : {"whole.jpg", "whole.png"}) {
            const ImageCheck c = checkImageFile(path(name));
            QVERIFY2(c.ok(), c.reason.c_str());
            QCOMPARE(c.height, 600);
            QVERIFY(c.reason.empty());
        }
    }

    void truncatedJpegIsDamagedFromItsLastRow()
    {
        std::vector<uchar> jpg;
        cv::imencode(".jpg", noise(), jpg, {cv::IMWRITE_JPEG_QUALITY, 90});
        const auto file = path("truncated.jpg");
        writeBytes(file, jpg, jpg.size() * 55 / 100);

        // The reference, found without the code under test: decode the truncated file whole
        // (OpenCV, libjpeg fills what is missing with grey 128) and find the first row whose
        // last pixel is that grey.
        const cv::Mat decoded = cv::imread(file.string(), cv::IMREAD_COLOR);
        QCOMPARE(decoded.rows, 600);
        int firstGrey = -1;
        for (int y = 0; y < decoded.rows && firstGrey < 0; ++y)
            if (decoded.at<cv::Vec3b>(y, decoded.cols - 1) == cv::Vec3b(128, 128, 128))
                firstGrey = y;
        QVERIFY(firstGrey > 100 && firstGrey < 500); // about 55 % down

        const ImageCheck c = checkImageFile(file);
        QCOMPARE_ENUM(c.health, ImageHealth::Damaged);
        QCOMPARE(c.height, 600);
        // Rows come out of the check's 1/8-size decode in iMCU rows of 16 image rows (4:2:0):
        // the row named is the first of the iMCU row where the data ran out, at most 16 above
        // the first grey row (which starts part way along that iMCU row, or at its top).
        QVERIFY2(c.damagedFromRow <= firstGrey && c.damagedFromRow >= firstGrey - 16,
                 qPrintable(QStringLiteral("reported %1, first grey row %2").arg(c.damagedFromRow).arg(firstGrey)));
        QCOMPARE(QString::fromStdString(c.reason),
                 QStringLiteral("damaged: premature end of JPEG data at row %1 of 600").arg(c.damagedFromRow));
        QVERIFY(!mayLabel(c.health));
    }

    void truncatedPngIsDamaged()
    {
        std::vector<uchar> png;
        cv::imencode(".png", noise(), png);
        const auto file = path("truncated.png");
        writeBytes(file, png, png.size() * 60 / 100);
        const ImageCheck c = checkImageFile(file);
        QCOMPARE_ENUM(c.health, ImageHealth::Damaged);
        // Noise compresses evenly: 60 % of the bytes hold about 60 % of the 600 rows.
        QVERIFY2(c.damagedFromRow > 300 && c.damagedFromRow < 420, qPrintable(QString::number(c.damagedFromRow)));
        QVERIFY2(QString::fromStdString(c.reason).startsWith(QStringLiteral("damaged: corrupt PNG")), c.reason.c_str());
    }
};

QTEST_GUILESS_MAIN(TestImageCheck)
#include "tst_image_check.moc"
