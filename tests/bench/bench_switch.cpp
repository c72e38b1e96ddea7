// SPDX-License-Identifier: GPL-3.0-or-later
// bench_switch (issue 5): how long the labeling view takes to show the next image of the
// queue. Generates 24-megapixel JPEGs, opens them as a project, and steps through the queue
// with a pause between images like a labeler deciding; each switch is timed from the key
// (LabelingView::next) to the end of the synchronous repaint that shows the decoded picture.
// A switch that finds the image not yet decoded is a miss and is timed until it is shown.
// Prints one JSON object on its last line.
//
//   bench_switch [--images N] [--pause-ms MS] [--distinct D] [--dir DIR]
#include "core/project/project_ops.h"
#include "core/store/store.h"
#include "ui/canvas/imagecanvas.h"
#include "ui/document/projectdocument.h"
#include "ui/image/imagecache.h"
#include "ui/labeling/labelingview.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QTemporaryDir>
#include <QTimer>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using namespace concord;

namespace {

/// A phone-surface-like 6000x4000 picture: gradient, brushed noise and a few marks.
cv::Mat makePicture(int seed)
{
    cv::Mat img(4000, 6000, CV_8UC3);
    std::mt19937 rng(static_cast<unsigned>(seed));
    cv::Mat noise(400, 600, CV_8UC3);
    cv::randu(noise, cv::Scalar::all(90), cv::Scalar::all(150));
    cv::resize(noise, img, img.size(), 0, 0, cv::INTER_CUBIC);
    for (int i = 0; i < 40; ++i) {
        const cv::Point a(static_cast<int>(rng() % 6000), static_cast<int>(rng() % 4000));
        const cv::Point b = a + cv::Point(static_cast<int>(rng() % 400) - 200, static_cast<int>(rng() % 60) - 30);
        cv::line(img, a, b, cv::Scalar::all(200 + static_cast<int>(rng() % 50)), 3, cv::LINE_AA);
    }
    return img;
}

void pause(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(
        std::clamp(p * static_cast<double>(v.size() - 1) + 0.5, 0.0, static_cast<double>(v.size() - 1)));
    return v[i];
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", QByteArrayLiteral("offscreen"));
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("ConcordBench"));
    int images = 100;
    int pauseMs = 500;
    int distinct = 8;
    QString dirArg;
    const QStringList args = QApplication::arguments();
    for (int i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--images"))
            images = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--pause-ms"))
            pauseMs = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--distinct"))
            distinct = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--dir"))
            dirArg = args[i + 1];
    }
    QTemporaryDir tmp;
    const QString dir = dirArg.isEmpty() ? tmp.path() : dirArg;
    QDir().mkpath(dir);

    // Images: `distinct` pictures, copied to `images` files (the decoder cannot tell).
    QElapsedTimer gen;
    gen.start();
    std::vector<QString> files;
    for (int i = 0; i < images; ++i) {
        const QString f = QDir(dir).filePath(QStringLiteral("img_%1.jpg").arg(i, 4, 10, QLatin1Char('0')));
        files.push_back(f);
        if (QFile::exists(f))
            continue;
        if (i < distinct)
            cv::imwrite(f.toStdString(), makePicture(i), {cv::IMWRITE_JPEG_QUALITY, 90});
        else
            QFile::copy(files[static_cast<std::size_t>(i % distinct)], f);
    }
    const double genSeconds = static_cast<double>(gen.elapsed()) / 1000.0;

    const QString project = QDir(dir).filePath(QStringLiteral("bench.concord"));
    QFile::remove(project);
    {
        core::ProjectSettings s;
        s.name = "bench";
        s.overlap = 1;
        s.pxPerMm = 40;
        auto store = core::initProject(project.toStdString(), s, {"ok", "scratch"});
        store->transaction([&] {
            for (int i = 0; i < images; ++i) {
                core::ImageRecord r;
                r.path = QFileInfo(files[static_cast<std::size_t>(i)]).fileName().toStdString();
                r.hash = QStringLiteral("%1").arg(i, 32, 16, QLatin1Char('0')).toStdString();
                r.width = 6000;
                r.height = 4000;
                store->addImage(r);
            }
        });
    }

    auto doc = ui::ProjectDocument::open(project);
    doc->startSession(QStringLiteral("bench"));
    ui::LabelingView view;
    view.resize(1440, 900);
    view.show();
    view.setDocument(doc.get());
    ui::ImageCanvas *canvas = view.canvas();
    // The first image is decoded before timing starts (opening a project is not a switch).
    while (!canvas->hasImage())
        pause(10);
    std::fprintf(stderr, "view scale %.3f, level 0 scale %.3f\n", canvas->viewScale(),
                 canvas->decodedImage()->scaleOfLevel(0));

    std::vector<double> latencies;
    int misses = 0;
    qint64 maxCache = 0;
    for (int i = 1; i < images; ++i) {
        pause(pauseMs);
        QElapsedTimer t;
        t.start();
        view.next();
        if (!canvas->hasImage()) {
            ++misses;
            while (!canvas->hasImage())
                pause(1);
        }
        canvas->viewport()->repaint();
        latencies.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        maxCache = std::max(maxCache, view.imageCache()->bytesUsed());
    }

    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("{\"benchmark\":\"switch\",\"images\":%d,\"megapixels\":24,\"pause_ms\":%d,"
                "\"switches\":%zu,\"p50_ms\":%.2f,\"p95_ms\":%.2f,\"max_ms\":%.2f,\"misses\":%d,"
                "\"peak_rss_mb\":%.0f,\"max_cache_mb\":%.0f,\"cache_budget_mb\":%.0f,\"generate_s\":%.1f}\n",
                images, pauseMs, latencies.size(), percentile(latencies, 0.50), percentile(latencies, 0.95),
                *std::max_element(latencies.begin(), latencies.end()), misses,
                static_cast<double>(usage.ru_maxrss) / 1024.0, static_cast<double>(maxCache) / 1048576.0,
                static_cast<double>(view.imageCache()->budget()) / 1048576.0, genSeconds);
    view.setDocument(nullptr);
    return 0;
}
